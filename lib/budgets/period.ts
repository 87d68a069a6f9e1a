/**
 * A budget's period as inclusive calendar days in the organisation's timezone: the calendar
 * month or quarter that holds `today`, or the custom range as written.
 */
import { addDays, dayToNumber, type Day } from "@/lib/calendar/days";
import { addMonths, firstDayOf, lastDayOf, monthOf } from "@/lib/calendar/months";
import type { BudgetPeriodKind, BudgetWindow } from "./types";

export function budgetWindow(
  period: { period: BudgetPeriodKind; from: Day | null; to: Day | null },
  today: Day,
): BudgetWindow {
  let from: Day;
  let to: Day;
  if (period.period === "custom") {
    from = period.from!;
    to = period.to!;
  } else if (period.period === "month") {
    from = firstDayOf(monthOf(today));
    to = lastDayOf(monthOf(today));
  } else {
    const firstMonth = addMonths(monthOf(today), -((Number(today.slice(5, 7)) - 1) % 3));
    from = firstDayOf(firstMonth);
    to = lastDayOf(addMonths(firstMonth, 2));
  }
  return { from, to, days: dayToNumber(to) - dayToNumber(from) + 1 };
}

/** Complete days of the period after `today` (0 when the period has ended). */
export function daysAfter(today: Day, window: BudgetWindow): number {
  if (today >= window.to) return 0;
  const start = today < window.from ? addDays(window.from, -1) : today;
  return dayToNumber(window.to) - dayToNumber(start);
}
