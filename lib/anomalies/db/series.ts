/** The baseline band of one series for the chart, recomputed from the rollups (cheap: one project). */
import type { Pool } from "pg";
import type { Day } from "@/lib/calendar/days";
import { detectAnomalies } from "../detect";
import { buildSeries, metricDefinition, type MetricUnit } from "../metrics";
import type { BaselinePoint, SeriesKey } from "../types";
import { windowStart } from "./analyse";
import { loadDailyRows } from "./load";
import { WINDOW_DAYS } from "./run";

export async function seriesBaseline(pool: Pool, projectId: string, key: SeriesKey, to: Day): Promise<{ unit: MetricUnit; points: BaselinePoint[] }> {
  let from = windowStart(to, WINDOW_DAYS);
  const rows = await loadDailyRows(pool, projectId, from, to);
  // The same start as the job (analyse.ts): the series begins with the project's first data.
  const firstDay = rows.reduce<Day | null>((min, row) => (min === null || row.day < min ? row.day : min), null);
  if (firstDay === null || firstDay > to) return { unit: metricDefinition(key.metric).unit, points: [] };
  if (firstDay > from) from = firstDay;
  const result = detectAnomalies(buildSeries(rows, key, from, to));
  return { unit: metricDefinition(key.metric).unit, points: result.baseline };
}

const METRIC_IDS = new Set(["cost", "cost_per_outcome", "tokens_per_request", "cache_hit_rate"]);
const DIMENSIONS = new Set(["feature", "customer", "model"]);

/** The inverse of seriesId ("cost|feature=support-bot"); null for anything else. */
export function parseSeriesId(id: string): SeriesKey | null {
  const bar = id.indexOf("|");
  const metric = bar < 0 ? id : id.slice(0, bar);
  if (!METRIC_IDS.has(metric)) return null;
  if (bar < 0) return { metric: metric as SeriesKey["metric"] };
  const rest = id.slice(bar + 1);
  const eq = rest.indexOf("=");
  const dimension = rest.slice(0, eq);
  if (eq < 0 || !DIMENSIONS.has(dimension)) return null;
  const key: SeriesKey = { metric: metric as SeriesKey["metric"], scope: { dimension: dimension as "feature", value: rest.slice(eq + 1) } };
  return metricDefinition(key.metric).scopes.includes(key.scope!.dimension) ? key : null;
}
