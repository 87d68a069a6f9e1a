import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { getScenario, marginsCsv, parsePeriodQuery, runScenario } from "@/lib/margins/db";
import { marginsAnswer } from "@/lib/margins/db/answers";
import { marginsToWire, marginsWire, scenarioReplayWire, simulationToWire } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

const query = z.object({
  range: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  group_by: z.enum(["customer", "feature"], { error: 'group_by must be "customer" or "feature"' }).default("customer"),
  plan: z.string().min(1, { error: "plan must not be empty" }).optional(),
  scenario: z.string().min(1, { error: "scenario must not be empty" }).optional(),
  format: z.enum(["json", "csv"], { error: 'format must be "json" or "csv"' }).default("json"),
  cost_basis: z.enum(["loaded", "usage"], { error: 'cost_basis must be "loaded" or "usage"' }).default("loaded"),
  customer_features: z
    .enum(["true", "false"], { error: 'customer_features must be "true" or "false"' })
    .default("true")
    .describe("false leaves out each customer's per-feature rows (a third of the answer)"),
});

/**
 * Margins for a period (`range` preset, or `from`/`to`, like every read endpoint): cost, revenue and margin per customer and feature under the assigned
 * plans; `plan` adds a side-by-side comparison with another plan, `scenario` replays the
 * period under a saved scenario instead. `format=csv` returns the `group_by` rows.
 */
export const GET = defineRoute({
  summary:
    "Cost, revenue and margin per customer and feature for a period under the assigned plans; `plan` adds a comparison, `scenario` replays a saved scenario instead, `format=csv` answers the `group_by` rows as CSV.",
  auth: { key: "read", session: "view" },
  query,
  // The report, or a saved scenario's replay when `scenario` is given (CSV is not JSON: not checked).
  response: z.union([marginsWire, scenarioReplayWire]),
  handler: async ({ query, projectId }) => {
    const db = getDb();
    const period = parsePeriodQuery(query, await projectCalendar(db.pool, projectId));
    if (query.scenario) {
      const scenario = await getScenario(db, projectId, query.scenario);
      const replay = simulationToWire({ period, ...(await runScenario(db, projectId, period, scenario.definition)) });
      return { scenario_id: scenario.id, ...replay };
    }
    const report = await marginsAnswer(db, projectId, period, {
      groupBy: query.group_by,
      costBasis: query.cost_basis,
      comparePlanId: query.plan,
    });
    if (query.format === "csv") {
      return new Response(marginsCsv(report, query.group_by), {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="margins-${query.group_by}-${period.from}-${period.to}.csv"`,
        },
      });
    }
    return marginsToWire(report, { customerFeatures: query.customer_features === "true" });
  },
});
