import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { idParams } from "@/lib/api/params";
import { updateGpuRate, deleteGpuRate } from "@/lib/pricing/db";
import { gpuRatePatchSchema } from "@/lib/pricing/schemas";
import { gpuRateResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  summary: "Changes the GPU rate's fields sent; the rest stay.",
  auth: { key: "admin", session: "managePrices" },
  params: idParams,
  body: gpuRatePatchSchema,
  response: gpuRateResponse,
  handler: async ({ body, params, projectId }) => ({
    rate: await updateGpuRate(getDb().pool, projectId, params.id, body),
  }),
});

export const DELETE = defineRoute({
  summary: "Deletes the GPU rate.",
  auth: { key: "admin", session: "managePrices" },
  params: idParams,
  status: 204,
  handler: async ({ params, projectId }) => {
    await deleteGpuRate(getDb().pool, projectId, params.id);
  },
});
