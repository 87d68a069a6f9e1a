import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { updateAlias, deleteAlias } from "@/lib/pricing/db";
import { aliasPatchSchema } from "@/lib/pricing/schemas";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const PATCH = defineRoute<typeof aliasPatchSchema, never, Params>({
  auth: { key: "admin", session: "managePrices" },
  body: aliasPatchSchema,
  handler: async ({ body, params, projectId }) => ({
    alias: await updateAlias(getDb().pool, projectId, params.id, body),
  }),
});

export const DELETE = defineRoute<never, never, Params>({
  auth: { key: "admin", session: "managePrices" },
  handler: async ({ params, projectId }) => {
    await deleteAlias(getDb().pool, projectId, params.id);
    return new Response(null, { status: 204 });
  },
});
