import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { idParams } from "@/lib/api/params";
import { updateGpuPool, deleteGpuPool } from "@/lib/pricing/db";
import { gpuPoolPatchSchema } from "@/lib/pricing/schemas";
import { gpuPoolResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  summary: "Changes the GPU pool's fields sent; the rest stay.",
  auth: { key: "admin", session: "managePrices" },
  params: idParams,
  body: gpuPoolPatchSchema,
  response: gpuPoolResponse,
  handler: async ({ body, params, projectId }) => ({
    pool: await updateGpuPool(getDb().pool, projectId, params.id, body),
  }),
});

export const DELETE = defineRoute({
  summary: "Deletes the GPU pool.",
  auth: { key: "admin", session: "managePrices" },
  params: idParams,
  status: 204,
  handler: async ({ params, projectId }) => {
    await deleteGpuPool(getDb().pool, projectId, params.id);
  },
});
