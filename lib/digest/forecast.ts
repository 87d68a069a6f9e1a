/**
 * Month-end spend forecast, simple enough to explain in one sentence:
 *   forecast = month-to-date + sum over the remaining days of the trailing 7-day daily average,
 * where each remaining day is weighted by its weekday's share of the last four weeks (a Saturday
 * that usually costs half a weekday counts half). With less than four weeks of history the
 * weighting is skipped. Exact: femtodollars, one half-even rounding at the end.
 */
import { divideRounded, formatUsd, type Femto } from "@/lib/money";
import { addDays, dayToNumber, weekdayIndex, type Day } from "@/lib/calendar/days";
import { daysInMonth, monthOf } from "@/lib/calendar/months";

export interface DailySpend {
  day: Day;
  cost: Femto;
}

export interface MonthForecast {
  /** "2026-11" */
  month: string;
  asOf: Day;
  monthToDate: Femto;
  remainingDays: number;
  /** Trailing 7-day average spend per day. */
  dailyAverage: Femto;
  forecast: Femto;
  method: "weekday_weighted" | "trailing_average";
  explanation: string;
}

/**
 * `asOf` is the last complete day; `daily` holds the project's spend per day (days without spend
 * may be absent and count as zero once the project has started).
 */
export function forecastMonthEnd(daily: readonly DailySpend[], asOf: Day): MonthForecast {
  const byDay = new Map<Day, Femto>();
  for (const d of daily) byDay.set(d.day, (byDay.get(d.day) ?? 0n) + d.cost);
  const known = [...byDay.keys()].filter((d) => d <= asOf).sort();
  const firstDay = known[0] ?? asOf;
  const costOn = (day: Day) => byDay.get(day) ?? 0n;
  const month = asOf.slice(0, 7);

  let monthToDate = 0n;
  for (let day = `${month}-01`; day <= asOf; day = addDays(day, 1)) monthToDate += costOn(day);

  const historyDays = dayToNumber(asOf) - dayToNumber(firstDay) + 1;
  const trailingDays = Math.max(1, Math.min(7, historyDays));
  let trailing = 0n;
  for (let i = 0; i < trailingDays; i++) trailing += costOn(addDays(asOf, -i));

  const remainingDays = daysInMonth(monthOf(asOf)) - Number(asOf.slice(8, 10));
  const remaining = Array.from({ length: remainingDays }, (_, i) => addDays(asOf, i + 1));

  const weekdayTotals = [0n, 0n, 0n, 0n, 0n, 0n, 0n];
  let fourWeeks = 0n;
  if (historyDays >= 28) {
    for (let i = 0; i < 28; i++) {
      const day = addDays(asOf, -i);
      weekdayTotals[weekdayIndex(day)]! += costOn(day);
      fourWeeks += costOn(day);
    }
  }
  const weighted = historyDays >= 28 && trailingDays === 7 && fourWeeks > 0n;
  // Weekday d is expected to cost (trailing / 7) x (7 x total_d / fourWeeks) = trailing x total_d / fourWeeks.
  const rest = weighted
    ? divideRounded(
        remaining.reduce((sum, day) => sum + trailing * weekdayTotals[weekdayIndex(day)]!, 0n),
        fourWeeks,
      )
    : divideRounded(trailing * BigInt(remainingDays), BigInt(trailingDays));
  const dailyAverage = divideRounded(trailing, BigInt(trailingDays));
  const forecast = monthToDate + rest;
  const method = weighted ? "weekday_weighted" : "trailing_average";
  const dayWord = remainingDays === 1 ? "day" : "days";
  const explanation =
    `${formatUsd(monthToDate)} so far this month plus ${remainingDays} remaining ${dayWord} at the ` +
    `${trailingDays === 7 ? "last 7 days'" : `last ${trailingDays} days'`} average of ${formatUsd(dailyAverage)} a day` +
    (weighted ? ", weighted by weekday over the last four weeks." : ".");
  return { month, asOf, monthToDate, remainingDays, dailyAverage, forecast, method, explanation };
}
