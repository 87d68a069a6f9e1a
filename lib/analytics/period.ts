/**
 * The one definition of a period, used by every read endpoint and every dashboard page: the
 * inclusive calendar days a request asks for, in the organisation's timezone (the rollups' `day`
 * column is in that timezone), and the window it is compared with.
 *
 * What a finance team expects:
 * - `7d`, `30d`, `90d`: the last N *complete* days (today is running, so it is left out and
 *   reported apart as partial), against the N complete days before.
 * - `mtd`: the 1st of this month to today (today partial), against the same days of the previous
 *   month (Mar 1–31 against Feb 1–28: the previous month's days are clipped to its length).
 * - `wtd`: the week so far, weeks starting on the organisation's chosen weekday, against the same
 *   days of the previous week; `last-week`: the whole previous week against the one before.
 * - `last-month`, or any custom `from`/`to` covering exactly one calendar month: that month
 *   against the whole previous month.
 * - Any other custom `from`/`to`: against the same number of days just before.
 */
import { addDays, dayToNumber, weekdayIndex, type Day } from "@/lib/calendar/days";
import { firstDayOf, lastDayOf, monthOf } from "@/lib/calendar/months";
import { DEFAULT_WEEK_START, type OrgCalendar, type Weekday } from "@/lib/calendar/org-calendar";
import { todayIn, validTimezone } from "@/lib/calendar/zone";
import type { Comparison, Period, RangePreset } from "./contracts";

export const DEFAULT_RANGE: RangePreset = "30d";

export type { Comparison };

export const PRESET_LABELS: Record<RangePreset, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  wtd: "Week to date",
  "last-week": "Last week",
  mtd: "Month to date",
  "last-month": "Last month",
};

export const COMPARISON_LABELS: Record<Comparison, string> = {
  "previous-days": "the same number of days before",
  "same-days-previous-month": "the same days of the previous month",
  "previous-month": "the whole previous month",
  "same-days-previous-week": "the same days of the previous week",
  "previous-week": "the whole previous week",
};

export interface ResolvedPeriod {
  current: Period;
  previous: Period;
  preset: RangePreset | "custom";
  comparison: Comparison;
  /** Today in the organisation's timezone: still running, so never a complete day. */
  today: Day;
}

interface PeriodRequest {
  range?: RangePreset;
  from?: Day;
  to?: Day;
}

/** Accepts a bare timezone (week from Monday) where callers have no organisation calendar. */
function calendarOf(calendar: OrgCalendar | string): OrgCalendar {
  return typeof calendar === "string" ? { timezone: calendar, weekStart: DEFAULT_WEEK_START } : calendar;
}

export function resolvePeriod(
  request: PeriodRequest,
  calendarOrTimezone: OrgCalendar | string,
  now: Date = new Date(),
): ResolvedPeriod {
  const calendar = calendarOf(calendarOrTimezone);
  const timezone = validTimezone(calendar.timezone);
  const today = todayIn(timezone, now);
  const windows =
    request.from && request.to
      ? customWindows(request.from, request.to)
      : presetWindows(request.range ?? DEFAULT_RANGE, today, calendar.weekStart);
  const period = ([from, to]: [Day, Day]): Period => ({
    from,
    to,
    days: dayToNumber(to) - dayToNumber(from) + 1,
    timezone,
    partial_day: from <= today && today <= to ? today : null,
  });
  return {
    current: period(windows.current),
    previous: period(windows.previous),
    preset: request.from && request.to ? "custom" : (request.range ?? DEFAULT_RANGE),
    comparison: windows.comparison,
    today,
  };
}

interface Windows {
  current: [Day, Day];
  previous: [Day, Day];
  comparison: Comparison;
}

function presetWindows(preset: RangePreset, today: Day, weekStart: Weekday): Windows {
  switch (preset) {
    case "7d":
      return lastCompleteDays(7, today);
    case "30d":
      return lastCompleteDays(30, today);
    case "90d":
      return lastCompleteDays(90, today);
    case "mtd": {
      const first = monthStart(today);
      const previousFirst = monthStart(addDays(first, -1));
      const elapsed = dayToNumber(today) - dayToNumber(first);
      const previousLast = minDay(addDays(previousFirst, elapsed), addDays(first, -1));
      return {
        current: [first, today],
        previous: [previousFirst, previousLast],
        comparison: "same-days-previous-month",
      };
    }
    case "last-month": {
      const last = addDays(monthStart(today), -1);
      return monthWindows(monthStart(last));
    }
    case "wtd": {
      const first = weekStartOf(today, weekStart);
      const elapsed = dayToNumber(today) - dayToNumber(first);
      return {
        current: [first, today],
        previous: [addDays(first, -7), addDays(first, elapsed - 7)],
        comparison: "same-days-previous-week",
      };
    }
    case "last-week": {
      const first = addDays(weekStartOf(today, weekStart), -7);
      return {
        current: [first, addDays(first, 6)],
        previous: [addDays(first, -7), addDays(first, -1)],
        comparison: "previous-week",
      };
    }
  }
}

function lastCompleteDays(days: number, today: Day): Windows {
  const last = addDays(today, -1);
  const first = addDays(today, -days);
  return { current: [first, last], previous: [addDays(first, -days), addDays(first, -1)], comparison: "previous-days" };
}

function customWindows(from: Day, to: Day): Windows {
  if (from === monthStart(from) && to === monthEnd(from)) return monthWindows(from);
  const days = dayToNumber(to) - dayToNumber(from) + 1;
  return { current: [from, to], previous: [addDays(from, -days), addDays(from, -1)], comparison: "previous-days" };
}

/** A whole month (given its 1st) against the whole month before it. */
function monthWindows(first: Day): Windows {
  const previousFirst = monthStart(addDays(first, -1));
  return {
    current: [first, monthEnd(first)],
    previous: [previousFirst, addDays(first, -1)],
    comparison: "previous-month",
  };
}

function monthStart(day: Day): Day {
  return firstDayOf(monthOf(day));
}

function monthEnd(day: Day): Day {
  return lastDayOf(monthOf(day));
}

/** The first day of the week holding `day`, weeks starting on `weekStart`. */
export function weekStartOf(day: Day, weekStart: Weekday): Day {
  const weekday = (weekdayIndex(day) + 1) % 7; // Weekday counts from Sunday, weekdayIndex from Monday
  return addDays(day, -((weekday - weekStart + 7) % 7));
}

function minDay(a: Day, b: Day): Day {
  return a < b ? a : b;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Nov 1 – 6, 2026", "Nov 25 – Dec 1, 2026", "Dec 28, 2026 – Jan 3, 2027", "Nov 6, 2026". */
export function formatWindow(from: Day, to: Day): string {
  const part = (day: Day, withMonth: boolean) =>
    `${withMonth ? `${MONTHS[Number(day.slice(5, 7)) - 1]} ` : ""}${Number(day.slice(8, 10))}`;
  if (from === to) return `${part(from, true)}, ${from.slice(0, 4)}`;
  if (from.slice(0, 4) !== to.slice(0, 4))
    return `${part(from, true)}, ${from.slice(0, 4)} – ${part(to, true)}, ${to.slice(0, 4)}`;
  return `${part(from, true)} – ${part(to, from.slice(0, 7) !== to.slice(0, 7))}, ${to.slice(0, 4)}`;
}
