/**
 * The pure half of the detection job: rollup rows in, anomalies with root causes and sentences
 * out. The job (run.ts) adds loading and storing around it. No I/O, but asynchronous: it runs
 * on the web server's thread (the scheduler's timers), so it hands the event loop back every
 * few milliseconds instead of holding every page for the whole pass (0.6 s on the demo's 120
 * days, every five minutes for the intraday pass).
 */
import { addDays, type Day } from "@/lib/calendar/days";
import { describeAnomaly } from "../describe";
import { detectAnomalies, type DetectOptions } from "../detect";
import {
  buildSeries,
  seriesId,
  seriesKeys,
  seriesRows,
  type DailyAggregateRow,
  type SeriesSelection,
} from "../metrics";
import { averageBreakdown, breakdownOf, rankContributors, sameWeekdayBefore, type Contributor } from "../root-cause";
import type { Anomaly, SeriesKey } from "../types";
import { usdToFemto } from "@/lib/money";

export interface AnalysedAnomaly {
  seriesId: string;
  anomaly: Anomaly;
  rootCauses: Contributor[];
  description: string;
}

const DEFAULT_SELECTION: SeriesSelection = { maxPerDimension: 10, minPeriodCost: usdToFemto("20") };
const ROOT_CAUSES_KEPT = 5;

/** How long analyse computes before letting the event loop serve what waits (requests, timers). */
const SLICE_MS = 10;

/** Every watched series of the window `from`..`to`, detected, with ranked root causes. */
export async function analyse(
  rows: readonly DailyAggregateRow[],
  from: Day,
  to: Day,
  options: { selection?: SeriesSelection; detect?: Partial<DetectOptions> } = {},
): Promise<{ seriesCount: number; anomalies: AnalysedAnomaly[] }> {
  // Days before the project's first usage are not zero-spend days: the series start with the data.
  const firstDay = rows.reduce<Day | null>((min, row) => (min === null || row.day < min ? row.day : min), null);
  if (firstDay === null || firstDay > to) return { seriesCount: 0, anomalies: [] };
  if (firstDay > from) from = firstDay;
  // Watch the biggest spenders of the whole window and of the last week: a customer that was
  // small until yesterday's spike is exactly the one to watch.
  const selection = options.selection ?? DEFAULT_SELECTION;
  const recent = rows.filter((row) => row.day >= addDays(to, -6));
  const seen = new Set<string>();
  const keys = [...seriesKeys(rows, selection), ...seriesKeys(recent, selection)].filter((key) => {
    const id = seriesId(key);
    // Without a cost split by token class the cache hit rate has no dollar gate: per customer it is noise.
    if (key.metric === "cache_hit_rate" && key.scope?.dimension === "customer") return false;
    return seen.has(id) ? false : (seen.add(id), true);
  });
  const byDay = new Map<Day, DailyAggregateRow[]>();
  for (const row of rows) {
    const list = byDay.get(row.day);
    if (list) list.push(row);
    else byDay.set(row.day, [row]);
  }
  const anomalies: AnalysedAnomaly[] = [];
  let sliceStart = performance.now();
  for (const key of keys) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    const result = detectAnomalies(buildSeries(rows, key, from, to), options.detect);
    const included = result.anomalies.length ? seriesRows(rows, key) : () => false;
    for (const anomaly of result.anomalies) {
      // A deviation with no dollar meaning is reported only when it is large.
      if (anomaly.dollarImpact === null && anomaly.severity === "low") continue;
      const rootCauses = rootCausesOf(anomaly, key, byDay, included);
      anomalies.push({
        seriesId: seriesId(key),
        anomaly,
        rootCauses,
        description: describeAnomaly(anomaly, rootCauses),
      });
    }
  }
  return { seriesCount: keys.length, anomalies };
}

/**
 * Which feature, customer or model moved the day's cost against the same weekday of the four
 * weeks before, inside the series' rows (metrics.seriesRows). The scope's own dimension is left out: "feature X
 * explains 100% of feature X" says nothing.
 */
function rootCausesOf(
  anomaly: Anomaly,
  key: SeriesKey,
  byDay: ReadonlyMap<Day, readonly DailyAggregateRow[]>,
  included: (row: DailyAggregateRow) => boolean,
): Contributor[] {
  const scoped = (day: Day) => (byDay.get(day) ?? []).filter(included);
  const actual = breakdownOf(scoped(anomaly.day));
  const expected = averageBreakdown(sameWeekdayBefore(anomaly.day, 4).map((day) => breakdownOf(scoped(day))));
  const costDirection =
    key.metric === "cache_hit_rate" ? (anomaly.direction === "up" ? "down" : "up") : anomaly.direction;
  // A dimension with a single value (one model) "explains" every change in full: it says nothing.
  const values = new Map<string, Set<string>>();
  for (const e of [...actual, ...expected])
    (values.get(e.dimension) ?? values.set(e.dimension, new Set()).get(e.dimension)!).add(e.value);
  const telling = (c: Contributor) => c.dimension !== key.scope?.dimension && (values.get(c.dimension)?.size ?? 0) > 1;
  const ranked = rankContributors({ actual, expected, topN: 3 * ROOT_CAUSES_KEPT, direction: costDirection });
  return ranked.top.filter(telling).slice(0, ROOT_CAUSES_KEPT);
}

/** The first day of a window of `days` days ending on `to`. */
export function windowStart(to: Day, days: number): Day {
  return addDays(to, -(days - 1));
}
