import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { listGpuPools, createGpuPool } from "@/lib/pricing/db";
import { gpuPoolCreateSchema } from "@/lib/pricing/schemas";
import { gpuPoolListResponse, gpuPoolResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "Reserved GPU pools: N GPUs of a type from a date, whose idle time is allocated to the pool's events.",
  auth: { key: "admin", session: "view" },
  response: gpuPoolListResponse,
  handler: async ({ projectId }) => ({ pools: await listGpuPools(getDb().pool, projectId) }),
});

export const POST = defineRoute({
  summary: "Adds a reserved GPU pool (or a resize of one from a date).",
  auth: { key: "admin", session: "managePrices" },
  body: gpuPoolCreateSchema,
  response: gpuPoolResponse,
  status: 201,
  handler: async ({ body, projectId, principal }) => ({
    pool: await createGpuPool(getDb().pool, projectId, body, actorOf(principal)),
  }),
});
