/** The baseline band of one series for the chart, recomputed from the rollups (cheap: one project). */
import type { Pool } from "pg";
import type { Day } from "../days";
import { detectAnomalies } from "../detect";
import { buildSeries, metricDefinition, type MetricUnit } from "../metrics";
import type { BaselinePoint, SeriesKey } from "../types";
import { windowStart } from "./analyse";
import { loadDailyRows } from "./load";
import { WINDOW_DAYS } from "./run";

export { parseSeriesId } from "../series-id";

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
