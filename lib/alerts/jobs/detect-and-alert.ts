/**
 * The intraday tick: detect today's anomalies of every active project, then run the alerting
 * job at once, so a new incident alerts in the same tick that found it rather than a minute later.
 */
import type { Pool } from "pg";
import { detectTodayDueProjects, type IntradaySummary } from "@/lib/anomalies/server";
import { runAlerts, type AlertJobOptions, type AlertJobSummary } from "./run";

interface DetectAndAlertSummary {
  detection: IntradaySummary[];
  alerts: AlertJobSummary;
}

export async function detectAndAlert(
  pool: Pool,
  options: AlertJobOptions & { now: Date; intervalMinutes: number },
): Promise<DetectAndAlertSummary> {
  const detection = await detectTodayDueProjects(pool, {
    now: options.now,
    intervalMinutes: options.intervalMinutes,
    log: options.log,
  });
  return { detection, alerts: await runAlerts(pool, options) };
}
