import { detectDueProjects } from "@/lib/anomalies/db/run";
import { getDb } from "@/lib/db/client";
import { cronRoute } from "@/lib/scheduler/cron-route";

export const dynamic = "force-dynamic";

/** POST /api/cron/detect: the daily detection of every project whose last day is not judged yet. */
export const POST = cronRoute(async () => {
  const runs = await detectDueProjects(getDb().pool);
  return {
    projects: runs.length,
    anomalies: runs.reduce((n, r) => n + r.found, 0),
    created: runs.reduce((n, r) => n + r.created, 0),
  };
});
