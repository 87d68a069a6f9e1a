import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { createScenario, listScenarios } from "@/lib/margins/db";
import { camelKeys, scenarioToWire, withWireErrors } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  handler: async ({ projectId }) => ({ scenarios: (await listScenarios(getDb(), projectId)).map(scenarioToWire) }),
});

/** Saves a scenario (its snake_case JSON: name, changes); plan ids it edits must exist. */
export const POST = defineRoute({
  auth: { session: "managePlans" },
  body: z.unknown(),
  handler: async ({ body, projectId, principal }) => {
    const input = camelKeys(body);
    const scenario = await withWireErrors(() => createScenario(getDb(), projectId, actorOf(principal), input));
    return Response.json({ scenario: scenarioToWire(scenario) }, { status: 201 });
  },
});
