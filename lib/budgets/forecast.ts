/**
 * The end-of-period forecast, stated so a reader can redo it: the mean daily spend of the
 * trailing 7 complete days (today excluded: it is not over), times the days left after today,
 * added to the spend so far. The 95% band treats the days ahead as independent draws with the
 * trailing days' standard deviation: ± 1.96 · sd · √(days left), never below the spend so far.
 * Money stays exact femtodollars; only the standard deviation goes through a float.
 */
import { addDays, dayToNumber, type Day } from "@/lib/calendar/days";
import { divideRounded, type Femto, usdJson } from "@/lib/money";
import { daysAfter } from "./period";
import type { BudgetWindow } from "./types";
import type { Forecast } from "./contracts";

const FORECAST_DAYS = 7;
const FORECAST_METHOD =
  "linear: spend to date + mean daily spend of the trailing 7 complete days × days left after today; 95% band ± 1.96 × daily standard deviation × √(days left)";

interface ForecastResult {
  forecast: Forecast;
  amount: Femto;
  meanDaily: Femto;
}

/** `daily`: spend per day (missing days spent nothing); `spent`: the period's spend so far. */
export function forecastSpend(
  daily: ReadonlyMap<Day, Femto>,
  spent: Femto,
  today: Day,
  window: BudgetWindow,
): ForecastResult {
  const basis_to = addDays(today, -1);
  const basis_from = addDays(today, -FORECAST_DAYS);
  const values: Femto[] = [];
  for (let i = FORECAST_DAYS; i >= 1; i--) values.push(daily.get(addDays(today, -i)) ?? 0n);
  const sum = values.reduce((a, b) => a + b, 0n);
  const mean = divideRounded(sum, BigInt(FORECAST_DAYS));
  // Sample standard deviation in femtodollars; a float is exact enough for a band.
  const variance = values.reduce((acc, v) => acc + Number(v - mean) ** 2, 0) / (FORECAST_DAYS - 1);
  const sd = Math.sqrt(variance);
  const left = daysAfter(today, window);
  const amount = spent + mean * BigInt(left);
  const half = BigInt(Math.round(1.96 * sd * Math.sqrt(left)));
  const low = amount - half < spent ? spent : amount - half;
  return {
    amount,
    meanDaily: mean,
    forecast: {
      method: FORECAST_METHOD,
      basis_from,
      basis_to,
      daily_mean: usdJson(mean),
      daily_stddev: usdJson(BigInt(Math.round(sd))),
      amount: usdJson(amount),
      low: usdJson(low),
      high: usdJson(amount + half),
    },
  };
}

/**
 * The day the forecast's rate reaches `limit`, counting from the spend so far and adding the mean
 * for each day after today; null when it would not happen inside the period (or already has).
 */
export function projectedBreachDate(
  spent: Femto,
  meanDaily: Femto,
  limit: Femto,
  today: Day,
  window: BudgetWindow,
): Day | null {
  if (spent >= limit || meanDaily <= 0n) return null;
  const needed = limit - spent;
  const days = (needed + meanDaily - 1n) / meanDaily; // ceil
  const day = addDays(today < window.from ? addDays(window.from, -1) : today, Number(days));
  return dayToNumber(day) <= dayToNumber(window.to) ? day : null;
}

/** The first day the running sum of `daily` over the window reaches `limit`. */
export function breachedOn(
  daily: ReadonlyMap<Day, Femto>,
  limit: Femto,
  window: BudgetWindow,
  through: Day,
): Day | null {
  let total = 0n;
  for (let day = window.from; day <= through && day <= window.to; day = addDays(day, 1)) {
    total += daily.get(day) ?? 0n;
    if (total >= limit) return day;
  }
  return null;
}
