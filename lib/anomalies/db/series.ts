/** The baseline band of one series for the chart, recomputed from the rollups (cheap: one project). */
import type { Pool } from "pg";
import type { Day } from "@/lib/calendar/days";
import { detectAnomalies } from "../detect";
import { buildSeries, metricDefinition, type MetricUnit } from "../metrics";
import type { BaselinePoint, Dimension, SeriesKey } from "../types";
import { windowStart } from "./analyse";
import { firstDataDay, loadDailyRows } from "./load";
import { WINDOW_DAYS } from "./run";

export { parseSeriesId } from "../series-id";

/**
 * The job's series and band for one key. Only the key's own slice is read (a scoped series is a
 * sum over its rows alone), except for cost per outcome, whose producing features come from every
 * row of its outcome type, and usage is summed over the dimensions the key does not name (a
 * seventh of the 90-day read on the demo); the series starts on the project's first day of data,
 * as in the job.
 */
export async function seriesBaseline(
  pool: Pool,
  projectId: string,
  key: SeriesKey,
  to: Day,
): Promise<{ unit: MetricUnit; points: BaselinePoint[] }> {
  let from = windowStart(to, WINDOW_DAYS);
  // Usage told apart by feature (cost per outcome's producers) and the scope's dimension only.
  const usageKeys: Dimension[] = ["feature", ...(key.scope ? [key.scope.dimension] : [])];
  const [rows, firstDay] = await Promise.all([
    loadDailyRows(pool, projectId, from, to, {
      scope: key.metric === "cost_per_outcome" ? undefined : key.scope,
      usageScope: key.scope,
      usageKeys,
    }),
    firstDataDay(pool, projectId, from, to),
  ]);
  if (firstDay === null || firstDay > to) return { unit: metricDefinition(key.metric).unit, points: [] };
  if (firstDay > from) from = firstDay;
  const result = detectAnomalies(buildSeries(rows, key, from, to));
  return { unit: metricDefinition(key.metric).unit, points: result.baseline };
}
