import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { deleteOverride, getOverride, updateOverride } from "@/lib/pricing/db";
import { overridePatchSchema } from "@/lib/pricing/schemas";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = defineRoute<never, never, Params>({
  auth: { key: "admin", session: "view" },
  handler: async ({ params, projectId }) => ({ override: await getOverride(getDb().pool, projectId, params.id) }),
});

export const PATCH = defineRoute<typeof overridePatchSchema, never, Params>({
  auth: { key: "admin", session: "managePrices" },
  body: overridePatchSchema,
  handler: async ({ body, params, projectId }) => ({
    override: await updateOverride(getDb().pool, projectId, params.id, body),
  }),
});

export const DELETE = defineRoute<never, never, Params>({
  auth: { key: "admin", session: "managePrices" },
  handler: async ({ params, projectId }) => {
    await deleteOverride(getDb().pool, projectId, params.id);
    return new Response(null, { status: 204 });
  },
});
