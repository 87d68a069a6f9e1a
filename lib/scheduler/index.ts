/**
 * The in-app scheduler: one tick every few minutes runs the GPU pools' idle cost of the last
 * complete days (hourly per project), the daily anomaly detection (claimed per project and day)
 * and the weekly digests (claimed per member and week). All are idempotent, so this may run
 * beside the cron endpoints, the CLI or another app instance. Alerts (budgets crossing a
 * threshold, new anomalies) have their own tick every minute, so they arrive within a minute,
 * and intraday detection runs every ANOMALY_DETECTION_INTERVAL_MINUTES (default 5) on today's
 * partial data, alerting what it finds in the same tick.
 */
import { detectAndAlert } from "@/lib/alerts/jobs/detect-and-alert";
import { runAlerts } from "@/lib/alerts/jobs/run";
import { detectDueProjects } from "@/lib/anomalies/db/run";
import { getDb } from "@/lib/db/client";
import { sendDigests } from "@/lib/digest/jobs/send";
import { getEnv } from "@/lib/env";
import { computeDueGpuIdle } from "@/lib/pricing/db/gpu-idle-due";

const TICK_MS = 5 * 60_000;
const ALERT_TICK_MS = 60_000;
const FIRST_TICK_MS = 30_000;

async function tick(
  now: Date = new Date(),
  log: (line: string) => void = (line) => console.log(`[scheduler] ${line}`),
): Promise<void> {
  const { pool } = getDb();
  const jobs: Array<[string, () => Promise<unknown>]> = [
    ["gpu idle", () => computeDueGpuIdle(pool, now, log)],
    ["detection", () => detectDueProjects(pool, now, log)],
    ["digests", () => sendDigests(pool, { now, log })],
  ];
  // One job failing (a database hiccup in its first query) must not hold the others back.
  for (const [name, job] of jobs) {
    try {
      await job();
    } catch (error) {
      log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** The alerting tick: evaluate budgets and anomalies, send what is due (lib/alerts/jobs/run.ts). */
async function alertTick(
  now: Date = new Date(),
  log: (line: string) => void = (line) => console.log(`[alerts] ${line}`),
): Promise<void> {
  try {
    await runAlerts(getDb().pool, { now, log });
  } catch (error) {
    log(`alerts failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The intraday tick: today's anomalies detected (claimed per project and interval), then alerted. */
async function detectionTick(
  now: Date = new Date(),
  log: (line: string) => void = (line) => console.log(`[detection] ${line}`),
): Promise<void> {
  try {
    await detectAndAlert(getDb().pool, { now, log, intervalMinutes: getEnv().ANOMALY_DETECTION_INTERVAL_MINUTES });
  } catch (error) {
    log(`intraday detection failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const holder = globalThis as typeof globalThis & {
  __inferledgerScheduler?: NodeJS.Timeout;
  __inferledgerAlerts?: NodeJS.Timeout;
  __inferledgerDetection?: NodeJS.Timeout;
};

/** Runs `job` every `intervalMs`, never two of its runs at once in this process. */
function every(intervalMs: number, job: () => Promise<void>): NodeJS.Timeout {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await job();
    } catch (error) {
      console.error("[scheduler] tick failed:", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  setTimeout(run, FIRST_TICK_MS).unref();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return timer;
}

export function startScheduler(): void {
  if (holder.__inferledgerScheduler) return;
  holder.__inferledgerScheduler = every(TICK_MS, () => tick());
  holder.__inferledgerAlerts = every(ALERT_TICK_MS, () => alertTick());
  holder.__inferledgerDetection = every(getEnv().ANOMALY_DETECTION_INTERVAL_MINUTES * 60_000, () => detectionTick());
}
