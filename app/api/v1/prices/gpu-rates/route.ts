import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { listGpuRates, createGpuRate } from "@/lib/pricing/db";
import { gpuRateCreateSchema } from "@/lib/pricing/schemas";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: { key: "admin", session: "view" },
  handler: async ({ projectId }) => ({ rates: await listGpuRates(getDb().pool, projectId) }),
});

export const POST = defineRoute({
  auth: { key: "admin", session: "managePrices" },
  body: gpuRateCreateSchema,
  handler: async ({ body, projectId, principal }) =>
    Response.json({ rate: await createGpuRate(getDb().pool, projectId, body, actorOf(principal)) }, { status: 201 }),
});
