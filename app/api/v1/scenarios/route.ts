import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { parsedByDomain } from "@/lib/api/wire";
import { createScenario, listScenarios } from "@/lib/margins/db";
import {
  camelKeys,
  scenarioAnswerWire,
  scenarioDefinitionWire,
  scenariosListWire,
  scenarioToWire,
  withWireErrors,
} from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "The project's saved what-if scenarios, each with its changes.",
  auth: { key: "read", session: "view" },
  response: scenariosListWire,
  handler: async ({ projectId }) => ({ scenarios: (await listScenarios(getDb(), projectId)).map(scenarioToWire) }),
});

export const POST = defineRoute({
  summary: "Saves a scenario (its snake_case JSON: name, changes); plan ids it edits must exist.",
  auth: { session: "managePlans" },
  body: parsedByDomain(scenarioDefinitionWire),
  response: scenarioAnswerWire,
  status: 201,
  handler: async ({ body, projectId, principal }) => {
    const input = camelKeys(body);
    const scenario = await withWireErrors(() => createScenario(getDb(), projectId, actorOf(principal), input));
    return { scenario: scenarioToWire(scenario) };
  },
});
