import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { listGpuPools, createGpuPool } from "@/lib/pricing/db";
import { gpuPoolCreateSchema } from "@/lib/pricing/schemas";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: { key: "admin", session: "view" },
  handler: async ({ projectId }) => ({ pools: await listGpuPools(getDb().pool, projectId) }),
});

export const POST = defineRoute({
  auth: { key: "admin", session: "managePrices" },
  body: gpuPoolCreateSchema,
  handler: async ({ body, projectId, principal }) =>
    Response.json({ pool: await createGpuPool(getDb().pool, projectId, body, actorOf(principal)) }, { status: 201 }),
});
