/**
 * Intraday detection: every few minutes, today's partial day judged against the same baseline
 * as the daily job (analyse.ts over the rollups, today included), keeping only what a partial
 * day can fairly show (partial-day.ts). Today's rows are stored provisional and upserted like
 * any other, so a re-run changes nothing and the daily run of tomorrow settles them. Each run
 * claims (project, slot) in intraday_detection_runs: several schedulers in one interval run once.
 */
import type { Pool } from "pg";
import { type Day } from "@/lib/calendar/days";
import { localDay } from "@/lib/calendar/zone";
import { judgeableOnPartialDay } from "../partial-day";
import { analyse, windowStart } from "./analyse";
import { loadDailyRows } from "./load";
import { WINDOW_DAYS } from "./run";
import { storeAnomalies, type StoreResult } from "./store";

export interface IntradaySummary extends StoreResult {
  projectId: string;
  day: Day;
  found: number;
}

/** The start of the interval holding `now`: the claim's slot. */
export function slotOf(now: Date, intervalMinutes: number): Date {
  const ms = intervalMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

async function claimIntradayRun(pool: Pool, projectId: string, slot: Date, day: Day): Promise<boolean> {
  const { rowCount } = await pool.query(
    "INSERT INTO intraday_detection_runs (project_id, slot, day) VALUES ($1, $2, $3::date) ON CONFLICT DO NOTHING",
    [projectId, slot, day],
  );
  return (rowCount ?? 0) > 0;
}

/** Detects today's anomalies of one project now (no claim: the caller holds it). */
async function detectToday(pool: Pool, projectId: string, today: Day): Promise<IntradaySummary> {
  const from = windowStart(today, WINDOW_DAYS);
  const rows = await loadDailyRows(pool, projectId, from, today);
  const found = (await analyse(rows, from, today)).anomalies
    .filter((a) => judgeableOnPartialDay(a.anomaly, today))
    .map((a) => ({ ...a, anomaly: { ...a.anomaly, provisional: true } }));
  const stored = await storeAnomalies(pool, projectId, { from: today, to: today }, found);
  return { projectId, day: today, found: found.length, ...stored };
}

/**
 * The scheduler's intraday pass: every project with usage today (in its organisation's zone)
 * whose slot this interval no other run has claimed. A failed run gives its claim back.
 */
export async function detectTodayDueProjects(
  pool: Pool,
  options: { now: Date; intervalMinutes: number; log?: (line: string) => void },
): Promise<IntradaySummary[]> {
  const log = options.log ?? (() => {});
  const slot = slotOf(options.now, options.intervalMinutes);
  const { rows } = await pool.query<{ id: string; timezone: string }>(
    "SELECT p.id, o.timezone FROM projects p JOIN organizations o ON o.id = p.org_id ORDER BY p.created_at",
  );
  const done: IntradaySummary[] = [];
  for (const { id, timezone } of rows) {
    const today = localDay(options.now, timezone);
    const { rows: active } = await pool.query(
      "SELECT 1 FROM usage_daily WHERE project_id = $1 AND day = $2::date LIMIT 1",
      [id, today],
    );
    if (active.length === 0 || !(await claimIntradayRun(pool, id, slot, today))) continue;
    try {
      const summary = await detectToday(pool, id, today);
      await pool.query(
        "UPDATE intraday_detection_runs SET finished_at = now(), anomalies_found = $3, anomalies_created = $4 WHERE project_id = $1 AND slot = $2",
        [id, slot, summary.found, summary.created],
      );
      if (summary.created > 0)
        log(`intraday detection ${id} ${today}: ${summary.found} anomalies (${summary.created} new)`);
      done.push(summary);
    } catch (error) {
      await pool
        .query("DELETE FROM intraday_detection_runs WHERE project_id = $1 AND slot = $2", [id, slot])
        .catch(() => {});
      log(`intraday detection ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Claims are only needed for the interval they guard.
  await pool.query("DELETE FROM intraday_detection_runs WHERE slot < $1::timestamptz - interval '2 days'", [
    options.now,
  ]);
  return done;
}
