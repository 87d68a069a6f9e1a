import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { getScenario, parsePeriodQuery, runScenario } from "@/lib/margins/db";
import { invalidField } from "@/lib/errors";
import { camelKeys, simulationToWire, simulationWire, withWireErrors, wireBody } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

/**
 * Replays the period's real usage under a scenario, given inline (`scenario`) or saved
 * (`scenario_id`), in snake_case, and returns before/after per customer and feature. Reads only.
 */
export const POST = defineRoute({
  summary:
    "Replays the period's real usage under a scenario (inline `scenario` or saved `scenario_id`): before/after per customer and feature. Reads only.",
  auth: { key: "read", session: "view" },
  body: wireBody({
    from: z.string().optional(),
    to: z.string().optional(),
    scenario: z.unknown().optional(),
    scenario_id: z.string().min(1).optional(),
  }),
  response: simulationWire,
  handler: async ({ body, projectId }) => {
    const db = getDb();
    const period = parsePeriodQuery(body, await projectCalendar(db.pool, projectId));
    const definition = body.scenario_id
      ? (await getScenario(db, projectId, body.scenario_id)).definition
      : body.scenario === undefined
        ? undefined
        : camelKeys(body.scenario, "scenario");
    if (definition === undefined) throw invalidField("scenario", "send a scenario or a scenario_id");
    return simulationToWire({
      period,
      ...(await withWireErrors(() => runScenario(db, projectId, period, definition))),
    });
  },
});
