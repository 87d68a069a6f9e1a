import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { updateGpuPool, deleteGpuPool } from "@/lib/pricing/db";
import { gpuPoolPatchSchema } from "@/lib/pricing/schemas";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const PATCH = defineRoute<typeof gpuPoolPatchSchema, never, Params>({
  auth: { key: "admin", session: "managePrices" },
  body: gpuPoolPatchSchema,
  handler: async ({ body, params, projectId }) => ({
    pool: await updateGpuPool(getDb().pool, projectId, params.id, body),
  }),
});

export const DELETE = defineRoute<never, never, Params>({
  auth: { key: "admin", session: "managePrices" },
  handler: async ({ params, projectId }) => {
    await deleteGpuPool(getDb().pool, projectId, params.id);
    return new Response(null, { status: 204 });
  },
});
