/** The baseline band of one series for the chart, recomputed from the rollups (cheap: one project). */
import type { Pool } from "pg";
import type { Day } from "@/lib/calendar/days";
import { detectAnomalies } from "../detect";
import { buildSeries, metricDefinition, type MetricUnit } from "../metrics";
import type { BaselinePoint, SeriesKey } from "../types";
import { windowStart } from "./analyse";
import { firstDataDay, loadDailyRows } from "./load";
import { WINDOW_DAYS } from "./run";

export { parseSeriesId } from "../series-id";

/**
 * The job's series and band for one key. Only the key's own slice is read (a scoped series is a
 * sum over its rows alone), except for cost per outcome, whose producing features come from every
 * row of its outcome type; the series starts on the project's first day of data, as in the job.
 */
export async function seriesBaseline(
  pool: Pool,
  projectId: string,
  key: SeriesKey,
  to: Day,
): Promise<{ unit: MetricUnit; points: BaselinePoint[] }> {
  let from = windowStart(to, WINDOW_DAYS);
  const slice = key.metric === "cost_per_outcome" ? undefined : key.scope;
  const [rows, firstDay] = await Promise.all([
    loadDailyRows(pool, projectId, from, to, slice),
    firstDataDay(pool, projectId, from, to),
  ]);
  if (firstDay === null || firstDay > to) return { unit: metricDefinition(key.metric).unit, points: [] };
  if (firstDay > from) from = firstDay;
  const result = detectAnomalies(buildSeries(rows, key, from, to));
  return { unit: metricDefinition(key.metric).unit, points: result.baseline };
}
