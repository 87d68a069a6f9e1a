import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { idParams } from "@/lib/api/params";
import { deleteOverride, getOverride, updateOverride } from "@/lib/pricing/db";
import { overridePatchSchema } from "@/lib/pricing/schemas";
import { overrideResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "One price override.",
  auth: { key: "admin", session: "view" },
  params: idParams,
  response: overrideResponse,
  handler: async ({ params, projectId }) => ({ override: await getOverride(getDb().pool, projectId, params.id) }),
});

export const PATCH = defineRoute({
  summary: "Changes the override's fields sent; the rest stay.",
  auth: { key: "admin", session: "managePrices" },
  params: idParams,
  body: overridePatchSchema,
  response: overrideResponse,
  handler: async ({ body, params, projectId }) => ({
    override: await updateOverride(getDb().pool, projectId, params.id, body),
  }),
});

export const DELETE = defineRoute({
  summary: "Deletes the override.",
  auth: { key: "admin", session: "managePrices" },
  params: idParams,
  status: 204,
  handler: async ({ params, projectId }) => {
    await deleteOverride(getDb().pool, projectId, params.id);
  },
});
