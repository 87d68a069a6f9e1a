/** Reading and changing stored anomalies (tenant-scoped: every query takes the project id). */
import type { Pool } from "pg";
import { usdToFemto } from "@/lib/money";
import type { Day } from "@/lib/calendar/days";
import { SEVERITIES, type Anomaly, type AnomalyStatus, type Dimension, type MetricId } from "../types";
import { anomalyKey, parseSeriesId } from "../series-id";
import type { Contributor } from "../root-cause";
import { fromStored, type StoredContributor } from "./store";

export interface StoredAnomaly {
  id: string;
  seriesId: string;
  metric: MetricId;
  dimension: Dimension | null;
  dimensionValue: string | null;
  /** Cost per outcome: the outcome type it is the unit cost of (read from the series id). */
  outcomeType: string | null;
  day: Day;
  kind: Anomaly["kind"];
  direction: Anomaly["direction"];
  expected: number;
  actual: number;
  bandLow: number;
  bandHigh: number;
  score: number;
  /** Exact dollars as a decimal string; null when the metric has no dollar meaning. */
  dollarImpact: string | null;
  severity: Anomaly["severity"];
  rootCauses: StoredContributor[];
  description: string;
  status: AnomalyStatus;
  provisional: boolean;
  detectedAt: string;
  updatedAt: string;
  /** Who last set the status (acknowledged, muted, ...) and when: the audit of a mute. */
  statusChangedBy: string | null;
  statusChangedAt: string | null;
}

const SELECT = `SELECT id, series_id, metric, dimension, dimension_value, to_char(day, 'YYYY-MM-DD') AS day, kind, direction,
  expected, actual, band_low, band_high, score, dollar_impact::text AS dollar_impact, severity, root_causes, description,
  status, provisional, detected_at, updated_at, status_changed_at,
  (SELECT u.email FROM users u WHERE u.id = status_changed_by) AS status_changed_by FROM anomalies`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toStoredAnomaly(r: any): StoredAnomaly {
  return {
    id: r.id,
    seriesId: r.series_id,
    metric: r.metric,
    dimension: r.dimension,
    dimensionValue: r.dimension_value,
    outcomeType: parseSeriesId(r.series_id)?.outcomeType ?? null,
    day: r.day,
    kind: r.kind,
    direction: r.direction,
    expected: Number(r.expected),
    actual: Number(r.actual),
    bandLow: Number(r.band_low),
    bandHigh: Number(r.band_high),
    score: Number(r.score),
    dollarImpact: r.dollar_impact,
    severity: r.severity,
    rootCauses: r.root_causes ?? [],
    description: r.description,
    status: r.status,
    provisional: r.provisional,
    detectedAt: new Date(r.detected_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    statusChangedBy: r.status_changed_by ?? null,
    statusChangedAt: r.status_changed_at ? new Date(r.status_changed_at).toISOString() : null,
  };
}

const SEVERITY_ORDER = `CASE severity ${SEVERITIES.map((severity, rank) => `WHEN '${severity}' THEN ${rank}`).join(" ")} END`;

export async function listAnomalies(
  pool: Pool,
  projectId: string,
  filter: { from?: Day; to?: Day; statuses?: readonly AnomalyStatus[]; seriesId?: string; limit?: number } = {},
): Promise<StoredAnomaly[]> {
  const { rows } = await pool.query(
    `${SELECT}
      WHERE project_id = $1
        AND ($2::date IS NULL OR day >= $2::date) AND ($3::date IS NULL OR day <= $3::date)
        AND ($4::text[] IS NULL OR status = ANY($4::text[]))
        AND ($5::text IS NULL OR series_id = $5)
      ORDER BY day DESC, ${SEVERITY_ORDER}, abs(coalesce(dollar_impact, 0)) DESC, series_id
      LIMIT $6`,
    [
      projectId,
      filter.from ?? null,
      filter.to ?? null,
      filter.statuses ?? null,
      filter.seriesId ?? null,
      filter.limit ?? 500,
    ],
  );
  return rows.map(toStoredAnomaly);
}

export async function getAnomaly(pool: Pool, projectId: string, id: string): Promise<StoredAnomaly | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await pool.query(`${SELECT} WHERE project_id = $1 AND id = $2`, [projectId, id]);
  return rows[0] ? toStoredAnomaly(rows[0]) : null;
}

export async function setAnomalyStatus(
  pool: Pool,
  projectId: string,
  id: string,
  status: AnomalyStatus,
  userId: string | null,
): Promise<StoredAnomaly | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await pool.query(
    `UPDATE anomalies SET status = $3, status_changed_by = $4, status_changed_at = now()
      WHERE project_id = $1 AND id = $2
      RETURNING id`,
    [projectId, id, status, userId],
  );
  return rows[0] ? getAnomaly(pool, projectId, id) : null;
}

/** A stored row back as the detector's Anomaly, for describing and for the digest. */
export function toAnomaly(a: StoredAnomaly): { anomaly: Anomaly; rootCauses: Contributor[] } {
  return {
    anomaly: {
      key: anomalyKey(a),
      day: a.day,
      kind: a.kind,
      direction: a.direction,
      expected: a.expected,
      actual: a.actual,
      band: { low: a.bandLow, high: a.bandHigh },
      score: a.score,
      dollarImpact: a.dollarImpact === null ? null : usdToFemto(a.dollarImpact),
      severity: a.severity,
      provisional: a.provisional,
    },
    rootCauses: a.rootCauses.map(fromStored),
  };
}
