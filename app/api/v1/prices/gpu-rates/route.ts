import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { listGpuRates, createGpuRate } from "@/lib/pricing/db";
import { gpuRateCreateSchema } from "@/lib/pricing/schemas";
import { gpuRateListResponse, gpuRateResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "Dollars per GPU-hour by GPU type, effective-dated.",
  auth: { key: "admin", session: "view" },
  response: gpuRateListResponse,
  handler: async ({ projectId }) => ({ rates: await listGpuRates(getDb().pool, projectId) }),
});

export const POST = defineRoute({
  summary: "Adds a GPU rate from a date.",
  auth: { key: "admin", session: "managePrices" },
  body: gpuRateCreateSchema,
  response: gpuRateResponse,
  status: 201,
  handler: async ({ body, projectId, principal }) => ({
    rate: await createGpuRate(getDb().pool, projectId, body, actorOf(principal)),
  }),
});
