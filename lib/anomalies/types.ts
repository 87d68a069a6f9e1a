import type { Femto } from "@/lib/money";
import type { Day } from "@/lib/calendar/days";

/** One day of a metric. `value: null` is a day where the metric is undefined (e.g. no outcomes). */
export interface SeriesPoint {
  day: Day;
  value: number | null;
  /**
   * Exact spend of the day, for metrics whose value *is* dollars (value === dollars as a float).
   * When present, dollar impact = dollars - expected, computed in femtodollars.
   */
  dollars?: Femto;
  /**
   * For unit metrics: USD that one unit of deviation of `value` costs on this day, e.g. the
   * number of outcomes for cost per outcome. Negative when a higher value saves money (cache hit
   * rate). Absent (and no `dollars`) means the metric has no dollar meaning: impact is null.
   */
  dollarsPerUnit?: number;
}

export type Dimension = "feature" | "customer" | "model";

export type MetricId = "cost" | "cost_per_outcome" | "tokens_per_request" | "cache_hit_rate";

/** Which series: a metric over the whole project, or restricted to one feature/customer/model. */
export interface SeriesKey {
  metric: MetricId;
  scope?: { dimension: Dimension; value: string };
  /**
   * Cost per outcome only (and required there): the outcome type it is the unit cost of. Outcome
   * types are different units (a resolved ticket, a generated report): never divided together.
   */
  outcomeType?: string;
}

export interface MetricSeries {
  key: SeriesKey;
  /** Ascending, one point per day, no duplicates. Missing days are allowed (weekdays come from the date). */
  points: readonly SeriesPoint[];
}

export type AnomalyKind = "spike" | "drop" | "level_shift" | "drift";
export type Direction = "up" | "down";
/** Most severe first; "notable" is an improvement (see lib/anomalies/impact.ts), below every adverse tier. */
export const SEVERITIES = ["critical", "high", "medium", "low", "notable"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A stored anomaly's status: the detector stores `open`; only a person sets another (db/queries). */
export const ANOMALY_STATUSES = ["open", "acknowledged", "resolved", "muted"] as const;
export type AnomalyStatus = (typeof ANOMALY_STATUSES)[number];

export interface Anomaly {
  key: SeriesKey;
  day: Day;
  kind: AnomalyKind;
  direction: Direction;
  expected: number;
  actual: number;
  band: { low: number; high: number };
  /** Robust z-score of the day (for drift: the Mann–Kendall trend score). */
  score: number;
  /**
   * Dollars the deviation cost (positive) or saved (negative) on this day, exact where the
   * series carries exact dollars. For drift: the daily excess implied by the fitted trend.
   * Null when the metric has no dollar meaning.
   */
  dollarImpact: Femto | null;
  severity: Severity;
  /**
   * True for spikes/drops inside the last days of the series that can still be merged into a
   * level shift when the next days arrive; a daily run upserts by (key, day) and may change kind.
   */
  provisional: boolean;
}

/** The baseline of every day, so a chart can draw the band and mark anomalous points. */
export interface BaselinePoint {
  day: Day;
  actual: number | null;
  /** Null until the minimum history exists. */
  expected: number | null;
  low: number | null;
  high: number | null;
  anomaly: AnomalyKind | null;
  /**
   * On the days of a detected drift's window only: the fitted Theil–Sen trend, a straight line
   * in the detection day's weekday terms, from the drift's `expected` to its fitted level now.
   * A drift is a sustained slope, not a day outside the band: this is what a chart draws for it.
   */
  trend: number | null;
}

export interface DetectionResult {
  key: SeriesKey;
  baseline: BaselinePoint[];
  anomalies: Anomaly[];
}
