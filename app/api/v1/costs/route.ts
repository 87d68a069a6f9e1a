import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { costsAnswer } from "@/lib/analytics/answers";
import { costsQuerySchema, costsResponseSchema } from "@/lib/analytics/contracts";
import { costsCsv } from "@/lib/analytics/csv-tables";
import { respond } from "@/lib/analytics/http";
import { projectCalendar } from "@/lib/analytics/calendar";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "Costs grouped by day, feature, customer, model or provider, with a totals row.",
  auth: { key: "read", session: "view" },
  query: costsQuerySchema,
  response: costsResponseSchema,
  handler: async ({ query, projectId }) => {
    const { pool } = getDb();
    const { period, body } = await costsAnswer(pool, projectId, await projectCalendar(pool, projectId), query);
    return respond(
      query.format,
      body,
      costsCsv,
      `costs_by_${query.group_by}_${period.current.from}_${period.current.to}`,
    );
  },
});
