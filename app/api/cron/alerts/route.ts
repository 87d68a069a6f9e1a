import { runAlerts } from "@/lib/alerts/jobs/run";
import { getDb } from "@/lib/db/client";
import { cronRoute } from "@/lib/scheduler/cron-route";

export const dynamic = "force-dynamic";

/** POST /api/cron/alerts: evaluates budgets and anomalies and sends due alerts (claimed, never twice). */
export const POST = cronRoute(async () => {
  const summary = await runAlerts(getDb().pool);
  return {
    claimed: summary.claimed.length,
    delivered: summary.delivered,
    failed: summary.failed,
    disabled_channels: summary.disabledChannels,
  };
});
