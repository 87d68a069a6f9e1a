/**
 * A budget's period as inclusive calendar days in the organisation's timezone: the calendar
 * month or quarter that holds `today`, or the custom range as written.
 */
import { addDays, dayToNumber, type Day } from "@/lib/calendar/days";
import type { BudgetPeriodKind, BudgetWindow } from "./types";

function lastDayOfMonth(year: number, month: number): Day {
  // Day 0 of the next month is the last day of this one.
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
}

export function budgetWindow(
  period: { period: BudgetPeriodKind; from: Day | null; to: Day | null },
  today: Day,
): BudgetWindow {
  let from: Day;
  let to: Day;
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (period.period === "custom") {
    from = period.from!;
    to = period.to!;
  } else if (period.period === "month") {
    from = `${today.slice(0, 8)}01`;
    to = lastDayOfMonth(year, month);
  } else {
    const first = month - ((month - 1) % 3);
    from = `${today.slice(0, 5)}${String(first).padStart(2, "0")}-01`;
    to = lastDayOfMonth(year, first + 2);
  }
  return { from, to, days: dayToNumber(to) - dayToNumber(from) + 1 };
}

/** Complete days of the period after `today` (0 when the period has ended). */
export function daysAfter(today: Day, window: BudgetWindow): number {
  if (today >= window.to) return 0;
  const start = today < window.from ? addDays(window.from, -1) : today;
  return dayToNumber(window.to) - dayToNumber(start);
}
