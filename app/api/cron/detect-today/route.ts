import { detectAndAlert } from "@/lib/alerts/jobs/detect-and-alert";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { cronRoute } from "@/lib/scheduler/cron-route";

export const dynamic = "force-dynamic";

/** POST /api/cron/detect-today: intraday detection on today's partial data, then the alerting job. */
export const POST = cronRoute(async () => {
  const { detection, alerts } = await detectAndAlert(getDb().pool, {
    now: new Date(),
    intervalMinutes: getEnv().ANOMALY_DETECTION_INTERVAL_MINUTES,
  });
  return {
    projects: detection.length,
    anomalies: detection.reduce((n, r) => n + r.found, 0),
    created: detection.reduce((n, r) => n + r.created, 0),
    alerts_claimed: alerts.claimed.length,
    delivered: alerts.delivered,
  };
});
