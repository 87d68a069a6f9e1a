/** Pure preparation of the anomaly chart: rows recharts can draw, and the value formatter. */
import { formatMetricValue } from "@/lib/anomalies/describe";
import { statisticToFemto } from "@/lib/anomalies/impact";
import { formatMoneyCompact } from "@/lib/format";
import type { MetricUnit } from "@/lib/anomalies/metrics";
import type { SeriesResponse } from "@/lib/anomalies/db/api";

export interface ChartRow {
  day: string;
  actual: number | null;
  expected: number | null;
  band: [number, number] | null;
  /** The actual value on anomalous days only (drawn as marks). */
  flagged: number | null;
  kind: string | null;
}

export function chartRows(points: SeriesResponse["points"]): ChartRow[] {
  return points.map((p) => ({
    day: p.day,
    actual: p.actual,
    expected: p.expected,
    band: p.low !== null && p.high !== null ? [p.low, p.high] : null,
    flagged: p.anomaly ? p.actual : null,
    kind: p.anomaly,
  }));
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
