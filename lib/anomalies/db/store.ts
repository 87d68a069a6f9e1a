/**
 * Idempotent storage of detected anomalies: one row per (project, series, day). A re-run
 * updates only rows whose detection changed (a provisional spike that became a level shift,
 * new root causes), never the status a person set, and creates nothing for what it already
 * stored. Provisional rows that a later run no longer finds (merged into a shift that starts
 * earlier) are removed while nobody has acted on them, only inside the run's own window: the
 * daily run (ending yesterday) never removes what today's intraday run stored.
 */
import type { Pool } from "pg";
import { femtoToUsd, usdToFemto } from "@/lib/money";
import type { Day } from "@/lib/calendar/days";
import type { Contributor } from "../root-cause";
import type { AnalysedAnomaly } from "./analyse";

/** Contributors as stored in `root_causes`: dollars as exact decimal strings. */
export interface StoredContributor {
  dimension: Contributor["dimension"];
  value: string;
  actual: string;
  expected: string;
  delta: string;
  share: number;
  isNew: boolean;
  vanished: boolean;
}

function toStored(c: Contributor): StoredContributor {
  return {
    dimension: c.dimension,
    value: c.value,
    actual: femtoToUsd(c.actual),
    expected: femtoToUsd(c.expected),
    delta: femtoToUsd(c.delta),
    share: Number.isFinite(c.share) ? c.share : 1,
    isNew: c.isNew,
    vanished: c.vanished,
  };
}

export function fromStored(c: StoredContributor): Contributor {
  return { ...c, actual: usdToFemto(c.actual), expected: usdToFemto(c.expected), delta: usdToFemto(c.delta) };
}

export interface StoreResult {
  created: number;
  updated: number;
  removed: number;
}

/** Stores what one run found for the days `window.from`..`window.to` (the only days its removals touch). */
export async function storeAnomalies(
  pool: Pool,
  projectId: string,
  window: { from: Day; to: Day },
  found: readonly AnalysedAnomaly[],
): Promise<StoreResult> {
  const columns = {
    series: [] as string[],
    metric: [] as string[],
    dimension: [] as (string | null)[],
    value: [] as (string | null)[],
    day: [] as string[],
    kind: [] as string[],
    direction: [] as string[],
    expected: [] as number[],
    actual: [] as number[],
    low: [] as number[],
    high: [] as number[],
    score: [] as number[],
    impact: [] as (string | null)[],
    severity: [] as string[],
    causes: [] as string[],
    description: [] as string[],
    provisional: [] as boolean[],
  };
  for (const { seriesId, anomaly: a, rootCauses, description } of found) {
    columns.series.push(seriesId);
    columns.metric.push(a.key.metric);
    columns.dimension.push(a.key.scope?.dimension ?? null);
    columns.value.push(a.key.scope?.value ?? null);
    columns.day.push(a.day);
    columns.kind.push(a.kind);
    columns.direction.push(a.direction);
    columns.expected.push(a.expected);
    columns.actual.push(a.actual);
    columns.low.push(a.band.low);
    columns.high.push(a.band.high);
    columns.score.push(Number.isFinite(a.score) ? a.score : Math.sign(a.score) * 1e9);
    columns.impact.push(a.dollarImpact === null ? null : femtoToUsd(a.dollarImpact));
    columns.severity.push(a.severity);
    columns.causes.push(JSON.stringify(rootCauses.map(toStored)));
    columns.description.push(description);
    columns.provisional.push(a.provisional);
  }
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const upsert = await client.query<{ inserted: boolean }>(
      `INSERT INTO anomalies AS a (project_id, series_id, metric, dimension, dimension_value, day, kind, direction, expected, actual,
                                   band_low, band_high, score, dollar_impact, severity, root_causes, description, provisional)
       SELECT $1, s, m, d, v, day, k, dir, e, act, lo, hi, sc, imp, sev, rc::jsonb, des, pr
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::float8[], $10::float8[],
                     $11::float8[], $12::float8[], $13::float8[], $14::numeric[], $15::text[], $16::text[], $17::text[], $18::boolean[])
              AS t(s, m, d, v, day, k, dir, e, act, lo, hi, sc, imp, sev, rc, des, pr)
       ON CONFLICT (project_id, series_id, day) DO UPDATE
          SET kind = excluded.kind, direction = excluded.direction, expected = excluded.expected, actual = excluded.actual,
              band_low = excluded.band_low, band_high = excluded.band_high, score = excluded.score,
              dollar_impact = excluded.dollar_impact, severity = excluded.severity, root_causes = excluded.root_causes,
              description = excluded.description, provisional = excluded.provisional, updated_at = now()
        WHERE (a.kind, a.direction, a.expected, a.actual, a.band_low, a.band_high, a.score, a.dollar_impact, a.severity,
               a.root_causes, a.description, a.provisional)
              IS DISTINCT FROM
              (excluded.kind, excluded.direction, excluded.expected, excluded.actual, excluded.band_low, excluded.band_high,
               excluded.score, excluded.dollar_impact, excluded.severity, excluded.root_causes, excluded.description, excluded.provisional)
       RETURNING (xmax = 0) AS inserted`,
      [
        projectId,
        columns.series,
        columns.metric,
        columns.dimension,
        columns.value,
        columns.day,
        columns.kind,
        columns.direction,
        columns.expected,
        columns.actual,
        columns.low,
        columns.high,
        columns.score,
        columns.impact,
        columns.severity,
        columns.causes,
        columns.description,
        columns.provisional,
      ],
    );
    const removed = await client.query(
      `DELETE FROM anomalies a
        WHERE a.project_id = $1 AND a.provisional AND a.status = 'open' AND a.day BETWEEN $2::date AND $5::date
          AND NOT EXISTS (SELECT 1 FROM unnest($3::text[], $4::date[]) AS t(s, day) WHERE t.s = a.series_id AND t.day = a.day)`,
      [projectId, window.from, columns.series, columns.day, window.to],
    );
    await client.query("COMMIT");
    const created = upsert.rows.filter((r) => r.inserted).length;
    return { created, updated: upsert.rows.length - created, removed: removed.rowCount ?? 0 };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
