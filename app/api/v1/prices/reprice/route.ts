import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { computeGpuIdle, listGpuPools, listRepriceRuns, runReprice } from "@/lib/pricing/db";
import { requesterOf } from "@/lib/pricing/db/api";
import { repriceRequestSchema } from "@/lib/pricing/schemas";

export const dynamic = "force-dynamic";

/** The audit of recent re-pricing runs. */
export const GET = defineRoute({
  auth: { key: "admin", session: "view" },
  handler: async ({ projectId }) => ({ runs: await listRepriceRuns(getDb().pool, projectId) }),
});

/** Re-prices the period's events (and model) with the current prices, in one audited transaction; then GPU idle follows. */
export const POST = defineRoute({
  auth: { key: "admin", session: "repriceEvents" },
  body: repriceRequestSchema,
  handler: async ({ body, projectId, principal }) => {
    const { pool } = getDb();
    const run = await runReprice(pool, projectId, body, requesterOf(principal));
    const gpuIdle = (await listGpuPools(pool, projectId)).length
      ? await computeGpuIdle(pool, projectId, body.from, body.to)
      : null;
    return { run, gpu_idle: gpuIdle };
  },
});
