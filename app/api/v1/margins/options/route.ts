import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { getProjectPriceBook } from "@/lib/pricing/db/book";
import { listFeatureModels, listOutcomeTypes, parsePeriodQuery, simulatorModels } from "@/lib/margins/db";

export const dynamic = "force-dynamic";

/** What the plan editor and simulator offer: outcome types, the period's feature/model pairs, price-book models. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  query: z.object({ range: z.string().optional(), from: z.string().optional(), to: z.string().optional() }),
  handler: async ({ query, projectId }) =>
    {
      const db = getDb();
      const period = parsePeriodQuery(query, await projectCalendar(db.pool, projectId));
      const [outcomeTypes, featureModels, book] = await Promise.all([listOutcomeTypes(db, projectId), listFeatureModels(db, projectId, period), getProjectPriceBook(db.pool, projectId)]);
      return { period, outcomeTypes, featureModels, models: simulatorModels(book) };
    },
});
