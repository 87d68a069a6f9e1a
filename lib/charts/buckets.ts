/**
 * Time buckets for charts. The API answers per calendar day (in the organisation's timezone);
 * long custom ranges are drawn by week or month so bars stay readable, summing exactly.
 *
 * Gaps vs zeros: a day without events between the first and the last active day is a real
 * zero (nothing was spent). Days before the first event of the period are a gap ("no data"),
 * because "not sending events yet" must not read as "spent nothing"; so are days after today.
 */
import { addDays, weekdayIndex } from "@/lib/calendar/days";
import { sumUsd } from "./decimal";

export type Granularity = "day" | "week" | "month";

/** Days drawn one bar each up to about a quarter; weeks up to about a year; months beyond. */
export function chooseGranularity(days: number): Granularity {
  if (days <= 92) return "day";
  if (days <= 400) return "week";
  return "month";
}

/** The first day of the bucket holding `day`: itself, its ISO week's Monday, or the 1st. */
export function bucketStart(day: string, granularity: Granularity): string {
  if (granularity === "day") return day;
  if (granularity === "month") return `${day.slice(0, 7)}-01`;
  return addDays(day, -weekdayIndex(day));
}

type DayState = "value" | "zero" | "gap";

/**
 * How to draw each day: "value" (it had events), "zero" (no events, but inside the span the
 * project was sending), "gap" (before the first event of the period, or after `today`).
 */
export function dayStates(days: readonly string[], activeDays: readonly string[], today?: string): DayState[] {
  const active = new Set(activeDays);
  const first = days.find((day) => active.has(day));
  return days.map((day) => {
    if (today !== undefined && day > today) return "gap";
    if (active.has(day)) return "value";
    if (first === undefined || day < first) return "gap";
    return "zero";
  });
}

interface Bucket {
  start: string;
  /** Indices into the day array that this bucket covers. */
  indices: number[];
  /** True when every day of the bucket is a gap. */
  gap: boolean;
}

/** Groups days into buckets, in order. */
export function groupDays(days: readonly string[], states: readonly DayState[], granularity: Granularity): Bucket[] {
  const buckets: Bucket[] = [];
  days.forEach((day, index) => {
    const start = bucketStart(day, granularity);
    let bucket = buckets[buckets.length - 1];
    if (!bucket || bucket.start !== start) {
      bucket = { start, indices: [], gap: true };
      buckets.push(bucket);
    }
    bucket.indices.push(index);
    if (states[index] !== "gap") bucket.gap = false;
  });
  return buckets;
}

/** Exact sum of one series' values over a bucket's days. */
export function sumBucket(values: readonly string[], bucket: Bucket): string {
  return sumUsd(bucket.indices.map((index) => values[index] ?? "0"));
}
