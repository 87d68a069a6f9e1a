import { getDb } from "@/lib/db/client";
import { computeDueGpuIdle } from "@/lib/pricing/db";
import { cronRoute } from "@/lib/scheduler/cron-route";

export const dynamic = "force-dynamic";

/** POST /api/cron/gpu-idle: the GPU pools' idle cost of the last complete days, for every project that is due. */
export const POST = cronRoute(async () => {
  const { runs, failed } = await computeDueGpuIdle(getDb().pool, new Date(), (line) => console.log(`[cron] ${line}`));
  return {
    projects: runs.length,
    pool_days: runs.reduce((n, run) => n + run.report.pool_days, 0),
    skipped: runs.flatMap((run) => run.report.skipped.map((skip) => ({ project_id: run.projectId, ...skip }))),
    failed: failed.map((failure) => ({ project_id: failure.projectId, error: failure.error })),
  };
});
