import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { compareSavedScenarios, getScenario, parsePeriodQuery } from "@/lib/margins/db";
import { comparisonToWire, comparisonWire, wireBody } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

/** Lines up saved scenarios' totals against the baseline over the same period. */
export const POST = defineRoute({
  summary:
    "Lines up saved scenarios' totals against the baseline over the same period; a scenario that no longer applies answers its errors.",
  auth: { key: "read", session: "view" },
  body: wireBody({
    from: z.string().optional(),
    to: z.string().optional(),
    ids: z
      .array(z.string().min(1), { error: "ids must be a list of scenario ids" })
      .min(1, { error: "ids must name at least one scenario" })
      .max(10, { error: "ids: at most 10 scenarios" }),
  }),
  response: comparisonWire,
  handler: async ({ body, projectId }) => {
    const db = getDb();
    const period = parsePeriodQuery(body, await projectCalendar(db.pool, projectId));
    const scenarios = await Promise.all(body.ids.map((id) => getScenario(db, projectId, id)));
    return comparisonToWire(await compareSavedScenarios(db, projectId, period, scenarios));
  },
});
