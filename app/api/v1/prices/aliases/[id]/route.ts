import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { idParams } from "@/lib/api/params";
import { updateAlias, deleteAlias } from "@/lib/pricing/db";
import { aliasPatchSchema } from "@/lib/pricing/schemas";
import { aliasResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  summary: "Changes the alias's fields sent; the rest stay.",
  auth: { key: "admin", session: "managePrices" },
  params: idParams,
  body: aliasPatchSchema,
  response: aliasResponse,
  handler: async ({ body, params, projectId }) => ({
    alias: await updateAlias(getDb().pool, projectId, params.id, body),
  }),
});

export const DELETE = defineRoute({
  summary: "Deletes the alias.",
  auth: { key: "admin", session: "managePrices" },
  params: idParams,
  status: 204,
  handler: async ({ params, projectId }) => {
    await deleteAlias(getDb().pool, projectId, params.id);
  },
});
