import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { updateGpuRate, deleteGpuRate } from "@/lib/pricing/db";
import { gpuRatePatchSchema } from "@/lib/pricing/schemas";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const PATCH = defineRoute<typeof gpuRatePatchSchema, never, Params>({
  auth: { key: "admin", session: "managePrices" },
  body: gpuRatePatchSchema,
  handler: async ({ body, params, projectId }) => ({
    rate: await updateGpuRate(getDb().pool, projectId, params.id, body),
  }),
});

export const DELETE = defineRoute<never, never, Params>({
  auth: { key: "admin", session: "managePrices" },
  handler: async ({ params, projectId }) => {
    await deleteGpuRate(getDb().pool, projectId, params.id);
    return new Response(null, { status: 204 });
  },
});
