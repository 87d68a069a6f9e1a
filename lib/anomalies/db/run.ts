/**
 * The detection job for one project: load the window of rollups, detect, store. Each run is
 * recorded in detection_runs under (project, judged day); the scheduled run claims that row
 * first, so two schedulers firing at once run a day once. Manual runs (API, CLI) always run.
 */
import type { Pool } from "pg";
import { localDay } from "@/lib/calendar/zone";
import { addDays, type Day } from "@/lib/calendar/days";
import { analyse, windowStart, type AnalysedAnomaly } from "./analyse";
import { loadDailyRows } from "./load";
import { storeAnomalies } from "./store";

export const WINDOW_DAYS = 120;
/** A run still 'running' after this long is taken to have died and may be claimed again. */
const ABANDONED_AFTER = "30 minutes";

type DetectionTrigger = "schedule" | "manual" | "cli";

export interface DetectionSummary {
  projectId: string;
  /** The last day judged (the last complete day in the organisation's zone). */
  day: Day;
  from: Day;
  seriesCount: number;
  found: number;
  created: number;
  updated: number;
  removed: number;
  anomalies: AnalysedAnomaly[];
}

/** The last complete day of a project's organisation at `now`. */
export async function lastCompleteDay(pool: Pool, projectId: string, now: Date): Promise<Day> {
  const { rows } = await pool.query<{ timezone: string }>(
    "SELECT o.timezone FROM projects p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1",
    [projectId],
  );
  if (!rows[0]) throw new RangeError(`no project ${projectId}`);
  return addDays(localDay(now, rows[0].timezone), -1);
}

/** Claims (project, day) for a run; false when another run has it or it already succeeded. */
async function claimRun(pool: Pool, projectId: string, day: Day, trigger: DetectionTrigger): Promise<boolean> {
  const force = trigger !== "schedule";
  const { rowCount } = await pool.query(
    `INSERT INTO detection_runs AS r (project_id, day, status, trigger) VALUES ($1, $2::date, 'running', $3)
     ON CONFLICT (project_id, day) DO UPDATE
        SET status = 'running', trigger = excluded.trigger, started_at = now(), finished_at = NULL, error = NULL
      WHERE $4::boolean OR r.status = 'failed' OR (r.status = 'running' AND r.started_at < now() - interval '${ABANDONED_AFTER}')`,
    [projectId, day, trigger, force],
  );
  return (rowCount ?? 0) > 0;
}

export async function detectProject(
  pool: Pool,
  projectId: string,
  options: { now?: Date; day?: Day; trigger?: DetectionTrigger; windowDays?: number } = {},
): Promise<DetectionSummary | null> {
  const trigger = options.trigger ?? "manual";
  const day = options.day ?? (await lastCompleteDay(pool, projectId, options.now ?? new Date()));
  if (!(await claimRun(pool, projectId, day, trigger))) return null;
  const from = windowStart(day, options.windowDays ?? WINDOW_DAYS);
  try {
    const rows = await loadDailyRows(pool, projectId, from, day);
    const { seriesCount, anomalies } = await analyse(rows, from, day);
    const stored = await storeAnomalies(pool, projectId, { from, to: day }, anomalies);
    await pool.query(
      `UPDATE detection_runs SET status = 'succeeded', finished_at = now(), series_count = $3, anomalies_found = $4,
              anomalies_created = $5, anomalies_updated = $6
        WHERE project_id = $1 AND day = $2::date`,
      [projectId, day, seriesCount, anomalies.length, stored.created, stored.updated],
    );
    return { projectId, day, from, seriesCount, found: anomalies.length, ...stored, anomalies };
  } catch (error) {
    await pool.query(
      "UPDATE detection_runs SET status = 'failed', finished_at = now(), error = $3 WHERE project_id = $1 AND day = $2::date",
      [projectId, day, error instanceof Error ? error.message.slice(0, 500) : String(error)],
    );
    throw error;
  }
}

/** The scheduler's daily pass: every project whose last complete day has not been judged yet. */
export async function detectDueProjects(
  pool: Pool,
  now: Date = new Date(),
  log: (line: string) => void = () => {},
): Promise<DetectionSummary[]> {
  const { rows } = await pool.query<{ id: string }>("SELECT id FROM projects ORDER BY created_at");
  const done: DetectionSummary[] = [];
  for (const { id } of rows) {
    try {
      const summary = await detectProject(pool, id, { now, trigger: "schedule" });
      if (summary) {
        done.push(summary);
        log(`detection ${id} ${summary.day}: ${summary.found} anomalies (${summary.created} new)`);
      }
    } catch (error) {
      log(`detection ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return done;
}
