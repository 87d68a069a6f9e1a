import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { getScenario, parsePeriodQuery, runScenario } from "@/lib/margins/db";
import { invalidField } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * Replays the period's real usage under a scenario, given inline (`scenario`) or saved
 * (`scenarioId`), and returns before/after per customer and feature. Reads only.
 */
export const POST = defineRoute({
  auth: { key: "read", session: "view" },
  body: z.object({
    from: z.string().optional(),
    to: z.string().optional(),
    scenario: z.unknown().optional(),
    scenarioId: z.string().min(1).optional(),
  }),
  handler: async ({ body, projectId }) => {
    const db = getDb();
    const period = parsePeriodQuery(body, await projectCalendar(db.pool, projectId));
    const definition = body.scenarioId ? (await getScenario(db, projectId, body.scenarioId)).definition : body.scenario;
    if (definition === undefined) throw invalidField("scenario", "send a scenario or a scenarioId");
    return { period, ...(await runScenario(db, projectId, period, definition)) };
  },
});
