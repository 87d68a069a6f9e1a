import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { compareQuerySchema, compareResponseSchema } from "@/lib/analytics/contracts";
import { compareCsv } from "@/lib/analytics/csv-tables";
import { respond } from "@/lib/analytics/http";
import { projectCalendar } from "@/lib/analytics/calendar";
import { resolvePeriod } from "@/lib/analytics/period";
import { getCounterfactual } from "@/lib/analytics/queries/get-counterfactual";
import { getProjectPriceBook } from "@/lib/pricing/db/book";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "What a feature's or customer's real token history would have cost on another model. Never writes.",
  auth: { key: "read", session: "view" },
  query: compareQuerySchema,
  response: compareResponseSchema,
  handler: async ({ query, projectId }) => {
    const { pool } = getDb();
    const period = resolvePeriod(query, await projectCalendar(pool, projectId));
    const book = await getProjectPriceBook(pool, projectId);
    const body = await getCounterfactual(pool, {
      projectId,
      period,
      dimension: query.dimension,
      key: query.key,
      targetModel: query.target_model,
      targetProvider: query.target_provider,
      priceDate: query.price_date,
      filters: query,
      book,
    });
    return respond(
      query.format,
      body,
      compareCsv,
      `compare_${query.target_model}_${period.current.from}_${period.current.to}`,
    );
  },
});
