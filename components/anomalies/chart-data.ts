/** Pure preparation of the anomaly chart: rows recharts can draw, and the value formatter. */
import { formatMetricValue } from "@/lib/anomalies/describe";
import { statisticToFemto } from "@/lib/anomalies/impact";
import { formatMoneyCompact } from "@/lib/format";
import type { MetricUnit } from "@/lib/anomalies/metrics";
import type { SeriesResponse } from "@/lib/anomalies/contracts";

export interface ChartRow {
  day: string;
  actual: number | null;
  expected: number | null;
  band: [number, number] | null;
  /** The actual value on days outside the band (spikes and drops) only, drawn as marks. */
  flagged: number | null;
  /** A drift's fitted trend over its window, drawn as a line: a drift is a slope, not a day. */
  trend: number | null;
  /** The fitted level on the day a drift was detected, drawn as the trend's end mark. */
  driftEnd: number | null;
  kind: string | null;
}

/** Kinds that are one day outside the band; a level shift or a drift is judged over several days. */
const OUTSIDE_KINDS: ReadonlySet<string> = new Set(["spike", "drop"]);

export function chartRows(points: SeriesResponse["points"]): ChartRow[] {
  return points.map((p) => ({
    day: p.day,
    actual: p.actual,
    expected: p.expected,
    band: p.low !== null && p.high !== null ? [p.low, p.high] : null,
    flagged: p.anomaly && OUTSIDE_KINDS.has(p.anomaly) ? p.actual : null,
    trend: p.trend,
    driftEnd: p.anomaly === "drift" ? p.trend : null,
    kind: p.anomaly,
  }));
}

/** Days a level shift began on: the chart marks them with a line, whatever the day's value. */
export function shiftDays(rows: readonly ChartRow[]): string[] {
  return rows.filter((row) => row.kind === "level_shift").map((row) => row.day);
}

export function shortValue(unit: MetricUnit, value: number): string {
  switch (unit) {
    // Money by magnitude (lib/format): a cost per outcome of $0.0002 reads "$0.0002", not "$0.000".
    case "usd":
    case "usd_per_outcome":
      return formatMoneyCompact(statisticToFemto(value));
    case "tokens_per_request":
      return value >= 1000 ? `${Math.round(value / 1000)}k` : String(Math.round(value));
    case "ratio":
      return `${Math.round(value * 100)}%`;
  }
}

export function fullValue(unit: MetricUnit, value: number, outcomeType?: string): string {
  return formatMetricValue(unit, value, outcomeType);
}
