import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { computeGpuIdle, listGpuPools, listRepriceRuns, runReprice } from "@/lib/pricing/db";
import { requesterOf } from "@/lib/pricing/db/api";
import { repriceRequestSchema } from "@/lib/pricing/schemas";
import { repriceRunResponse, repriceRunsResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "The audit of recent re-pricing runs.",
  auth: { key: "admin", session: "view" },
  response: repriceRunsResponse,
  handler: async ({ projectId }) => ({ runs: await listRepriceRuns(getDb().pool, projectId) }),
});

export const POST = defineRoute({
  summary:
    "Re-prices the period's events (and model) with the current prices in one audited, idempotent transaction: events and every rollup change together; then GPU idle follows.",
  auth: { key: "admin", session: "repriceEvents" },
  body: repriceRequestSchema,
  response: repriceRunResponse,
  handler: async ({ body, projectId, principal }) => {
    const { pool } = getDb();
    const run = await runReprice(pool, projectId, body, requesterOf(principal));
    const gpuIdle = (await listGpuPools(pool, projectId)).length
      ? await computeGpuIdle(pool, projectId, body.from, body.to)
      : null;
    return { run, gpu_idle: gpuIdle };
  },
});
