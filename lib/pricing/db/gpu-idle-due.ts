/**
 * The scheduled GPU idle job. A pool's cost for a day is only known once the day is over, so
 * each project with an active GPU pool gets its last TRAILING_DAYS complete days (organisation's
 * timezone) computed: yesterday once it has ended, and the days before it again, so that late
 * events still reach their day's idle split. A project is due when the job never ran for it or
 * last ran more than RECOMPUTE_AFTER_MS ago (gpu_idle_runs, stamped with the job's clock).
 * computeGpuIdle replaces a period's rows under a per-project lock, so running beside the cron
 * endpoint, the CLI or another instance is harmless.
 */
import type { Pool } from "pg";
import { computeGpuIdle, type GpuIdleReport } from "./gpu-idle";

const TRAILING_DAYS = 3;
const RECOMPUTE_AFTER_MS = 60 * 60_000;

interface GpuIdleRun {
  projectId: string;
  from: string;
  to: string;
  report: GpuIdleReport;
}

interface DueGpuIdle {
  runs: GpuIdleRun[];
  failed: Array<{ projectId: string; error: string }>;
}

export async function computeDueGpuIdle(
  pool: Pool,
  now: Date = new Date(),
  log: (line: string) => void = () => {},
): Promise<DueGpuIdle> {
  // Pools that ended before the window hold nothing in it: their projects are never due.
  const { rows } = await pool.query<{ id: string; from: string; to: string }>(
    `SELECT p.id, (w.yesterday - ($3::int - 1))::text AS "from", w.yesterday::text AS "to"
       FROM projects p JOIN organizations o ON o.id = p.org_id,
            LATERAL (SELECT (($1::timestamptz AT TIME ZONE o.timezone)::date - 1) AS yesterday) AS w
      WHERE EXISTS (SELECT 1 FROM gpu_pools g WHERE g.project_id = p.id AND g.effective_from < $1
                      AND (g.effective_to IS NULL OR g.effective_to > $1::timestamptz - make_interval(days => $3::int + 1)))
        AND NOT EXISTS (SELECT 1 FROM gpu_idle_runs r WHERE r.project_id = p.id
                          AND r.computed_at > $1::timestamptz - make_interval(secs => $2::double precision / 1000))
      ORDER BY p.created_at`,
    [now, RECOMPUTE_AFTER_MS, TRAILING_DAYS],
  );
  const due: DueGpuIdle = { runs: [], failed: [] };
  for (const { id, from, to } of rows) {
    try {
      const report = await computeGpuIdle(pool, id, from, to);
      await pool.query(
        `INSERT INTO gpu_idle_runs (project_id, computed_at) VALUES ($1, $2)
         ON CONFLICT (project_id) DO UPDATE SET computed_at = EXCLUDED.computed_at`,
        [id, now],
      );
      due.runs.push({ projectId: id, from, to, report });
      const skipped = report.skipped.map((s) => `${s.pool} ${s.day}: ${s.reason}`).join("; ");
      log(`gpu idle ${id} ${from}..${to}: ${report.pool_days} pool-days${skipped ? `, skipped ${skipped}` : ""}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      due.failed.push({ projectId: id, error: message });
      log(`gpu idle ${id} failed: ${message}`);
    }
  }
  return due;
}
