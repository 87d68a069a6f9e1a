/**
 * Prepares the "spend over time, stacked by X" chart from the timeseries API: buckets, top-N
 * folding (exact), gap/zero decision, stacking order, colours, y-scale. The recharts component
 * only draws the result.
 *
 * Stacking order: the largest series sits on the axis and "Other" on top, so the series people
 * compare most has a flat baseline. Recharts resolves string data keys as paths ("gpt-4.1"
 * would be read as gpt-4 -> 1), so rows carry the series under generated keys s0, s1, ...
 */
import { formatDay, formatMonth } from "@/lib/format/dates";
import { chooseGranularity, dayStates, groupDays, sumBucket, type Granularity } from "./buckets";
import { assignColors } from "./colors";
import { addUsd, compareUsd, sumUsd, usdToNumber } from "./decimal";
import { niceScale, type Scale } from "./axis";
import { OTHER_LABEL } from "./top-n";

export interface SeriesInput {
  key: string;
  provider: string | null;
  is_other: boolean;
  total_spend: string;
  /** Aligned with `days`. */
  spend: readonly string[];
}

interface TimeseriesInput {
  days: readonly string[];
  active_days: readonly string[];
  series: readonly SeriesInput[];
  /** The period's running day (today), if it holds one: its bar is drawn as partial. */
  period?: { partial_day: string | null };
}

export interface StackSeries {
  dataKey: string;
  key: string;
  provider: string | null;
  label: string;
  color: string;
  isOther: boolean;
  /** Exact total over the period. */
  total: string;
}

export interface StackRow {
  /** First day of the bucket. */
  bucket: string;
  /** Last day of the bucket (a drill-down's `to`). */
  lastDay: string;
  label: string;
  gap: boolean;
  /** The bucket holds today, a day still running: drawn lighter and labelled partial. */
  partial: boolean;
  /** Exact total of the bucket over every series. */
  total: string;
  /** Exact value per series dataKey. */
  exact: Record<string, string>;
  /** Bar heights per series dataKey; null in a gap. */
  [dataKey: string]: unknown;
}

export interface StackedChart {
  granularity: Granularity;
  series: StackSeries[];
  rows: StackRow[];
  scale: Scale;
  /** Exact total over the whole chart. */
  total: string;
  empty: boolean;
}

export const OTHER_SERIES_KEY = "__other__";
export const UNATTRIBUTED_LABEL = "(not set)";

export function seriesLabel(key: string, isOther: boolean): string {
  if (isOther) return OTHER_LABEL;
  return key === "" ? UNATTRIBUTED_LABEL : key;
}

/**
 * Keeps at most `maxSeries` named series (largest total first) and folds the rest, together
 * with any "other" the API already folded, into one exact "Other" series.
 */
function foldSeries(series: readonly SeriesInput[], maxSeries: number, dayCount: number): SeriesInput[] {
  const named = series.filter((item) => !item.is_other).sort((a, b) => compareUsd(b.total_spend, a.total_spend));
  const others = series.filter((item) => item.is_other);
  const keep = named.length === maxSeries + 1 && others.length === 0 ? named.length : maxSeries;
  const folded = [...named.slice(keep), ...others];
  const result = named.slice(0, keep);
  if (folded.length === 0) return result;
  const spend = Array.from({ length: dayCount }, (_, day) => sumUsd(folded.map((item) => item.spend[day] ?? "0")));
  result.push({
    key: OTHER_SERIES_KEY,
    provider: null,
    is_other: true,
    total_spend: sumUsd(folded.map((item) => item.total_spend)),
    spend,
  });
  return result;
}

const BUCKET_LABELS: Record<Granularity, (start: string) => string> = {
  day: (start) => formatDay(start),
  week: (start) => `Wk of ${formatDay(start)}`,
  month: (start) => formatMonth(start),
};

export function prepareStackedSpend(
  input: TimeseriesInput,
  options: { maxSeries?: number; today?: string } = {},
): StackedChart {
  const granularity = chooseGranularity(input.days.length);
  const states = dayStates(input.days, input.active_days, options.today);
  const buckets = groupDays(input.days, states, granularity);
  const folded = foldSeries(input.series, options.maxSeries ?? 6, input.days.length);
  const colors = assignColors(folded.map((item) => ({ key: item.key, isOther: item.is_other })));
  const series: StackSeries[] = folded.map((item, index) => ({
    dataKey: `s${index}`,
    key: item.key,
    provider: item.provider,
    label: seriesLabel(item.key, item.is_other),
    color: colors.get(item.key)!,
    isOther: item.is_other,
    total: item.total_spend,
  }));

  let total = "0";
  let maxBucket = 0;
  const rows: StackRow[] = buckets.map((bucket) => {
    const partialDay = input.period?.partial_day ?? null;
    const partial = partialDay !== null && bucket.indices.some((index) => input.days[index] === partialDay);
    const label = BUCKET_LABELS[granularity](bucket.start);
    const row: StackRow = {
      bucket: bucket.start,
      label: partial ? `${label} (partial)` : label,
      lastDay: input.days[bucket.indices[bucket.indices.length - 1]!]!,
      gap: bucket.gap,
      partial,
      total: "0",
      exact: {},
    };
    for (const [index, item] of folded.entries()) {
      const dataKey = series[index]!.dataKey;
      const value = sumBucket(item.spend, bucket);
      row.exact[dataKey] = value;
      row[dataKey] = bucket.gap ? null : usdToNumber(value);
      row.total = addUsd(row.total, value);
    }
    total = addUsd(total, row.total);
    maxBucket = Math.max(maxBucket, usdToNumber(row.total));
    return row;
  });

  return { granularity, series, rows, scale: niceScale(maxBucket), total, empty: input.active_days.length === 0 };
}
