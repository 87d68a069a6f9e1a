/**
 * Calendar months (`YYYY-MM`) and inclusive day periods, for billing. Strings compare in date
 * order, which the margins engine relies on.
 */
import type { Day } from "./days";

export type Month = string;

export interface Period {
  from: Day;
  to: Day;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Days already found valid: the engine checks every rollup row's day, and a period has few. */
const validDays = new Set<string>();
const VALID_DAYS_KEPT = 10_000;

export function isDay(value: string): boolean {
  if (validDays.has(value)) return true;
  const match = DAY.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const valid = m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(`${match[1]}-${match[2]}`) && y > 0;
  if (valid) {
    if (validDays.size >= VALID_DAYS_KEPT) validDays.clear();
    validDays.add(value);
  }
  return valid;
}

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

export function assertPeriod(period: Period): void {
  if (!isDay(period.from)) throw new RangeError(`period.from: not a YYYY-MM-DD date: ${JSON.stringify(period.from)}`);
  if (!isDay(period.to)) throw new RangeError(`period.to: not a YYYY-MM-DD date: ${JSON.stringify(period.to)}`);
  if (period.to < period.from) throw new RangeError(`period: ends (${period.to}) before it starts (${period.from})`);
}

export function monthOf(day: Day): Month {
  return day.slice(0, 7);
}

/** Memoised: the engine asks for every plan span of every customer. */
const monthLengths = new Map<Month, number>();

export function daysInMonth(month: Month): number {
  let days = monthLengths.get(month);
  if (days === undefined) {
    const [y, m] = month.split("-").map(Number) as [number, number];
    days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (monthLengths.size >= VALID_DAYS_KEPT) monthLengths.clear();
    monthLengths.set(month, days);
  }
  return days;
}

export function firstDayOf(month: Month): Day {
  return `${month}-01`;
}

export function lastDayOf(month: Month): Day {
  return `${month}-${String(daysInMonth(month)).padStart(2, "0")}`;
}

/** The calendar months a period touches, in order: a loop over month numbers, bounded by its ends. */
export function monthsOf(period: Period): Month[] {
  const months: Month[] = [];
  for (let index = monthIndex(monthOf(period.from)), last = monthIndex(monthOf(period.to)); index <= last; index++) {
    months.push(monthFromIndex(index));
  }
  return months;
}

/** The month `count` months after `month` (before it when negative). */
export function addMonths(month: Month, count: number): Month {
  return monthFromIndex(monthIndex(month) + count);
}

/** The part of `period` inside `month`, or null when they do not meet. */
export function clipToMonth(period: Period, month: Month): Period | null {
  return intersect(period, { from: firstDayOf(month), to: lastDayOf(month) });
}

export function intersect(a: Period, b: Period): Period | null {
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to < b.to ? a.to : b.to;
  return from <= to ? { from, to } : null;
}

/** Months since year 0 (January of year 0 = 0), so that month arithmetic is integer arithmetic. */
function monthIndex(month: Month): number {
  return Number(month.slice(0, 4)) * 12 + (Number(month.slice(5, 7)) - 1);
}

function monthFromIndex(index: number): Month {
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}
