import { getDb } from "@/lib/db/client";
import { idParams } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { parsedByDomain } from "@/lib/api/wire";
import { deleteScenario, getScenario, updateScenario } from "@/lib/margins/db";
import {
  camelKeys,
  scenarioAnswerWire,
  scenarioDefinitionWire,
  scenarioDeletedWire,
  scenarioToWire,
  withWireErrors,
} from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "One saved scenario, with its changes.",
  auth: { key: "read", session: "view" },
  params: idParams,
  response: scenarioAnswerWire,
  handler: async ({ params, projectId }) => ({
    scenario: scenarioToWire(await getScenario(getDb(), projectId, params.id)),
  }),
});

export const PUT = defineRoute({
  summary: "Replaces a saved scenario's name and changes; plan ids it edits must exist.",
  auth: { session: "managePlans" },
  params: idParams,
  body: parsedByDomain(scenarioDefinitionWire),
  response: scenarioAnswerWire,
  handler: async ({ body, params, projectId }) => {
    const input = camelKeys(body);
    const scenario = await withWireErrors(() => updateScenario(getDb(), projectId, params.id, input));
    return { scenario: scenarioToWire(scenario) };
  },
});

export const DELETE = defineRoute({
  summary: "Deletes a saved scenario; answers its id.",
  auth: { session: "managePlans" },
  params: idParams,
  response: scenarioDeletedWire,
  handler: async ({ params, projectId }) => {
    await deleteScenario(getDb(), projectId, params.id);
    return { deleted: params.id };
  },
});
