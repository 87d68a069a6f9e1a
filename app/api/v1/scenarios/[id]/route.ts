import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { deleteScenario, getScenario, updateScenario } from "@/lib/margins/db";
import { camelKeys, scenarioToWire, withWireErrors } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { key: "read", session: "view" },
  handler: async ({ params, projectId }) => ({
    scenario: scenarioToWire(await getScenario(getDb(), projectId, params.id)),
  }),
});

export const PUT = defineRoute<z.ZodUnknown, z.ZodObject, Params>({
  auth: { session: "managePlans" },
  body: z.unknown(),
  handler: async ({ body, params, projectId }) => {
    const input = camelKeys(body);
    const scenario = await withWireErrors(() => updateScenario(getDb(), projectId, params.id, input));
    return { scenario: scenarioToWire(scenario) };
  },
});

export const DELETE = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { session: "managePlans" },
  handler: async ({ params, projectId }) => {
    await deleteScenario(getDb(), projectId, params.id);
    return { deleted: params.id };
  },
});
