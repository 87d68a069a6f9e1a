/**
 * A budget's spend chart: cumulative spend per day of the period, the forecast from the last
 * day with data to the period's end (with its 95% band), the budget line and the (projected)
 * breach day, on a money y-axis and a day x-axis. Amounts stay exact decimal text; the numbers
 * in a row are geometry only.
 */
import type { BudgetStatus } from "@/lib/budgets/contracts";
import { addDays, dayCount, type Day } from "@/lib/calendar/days";
import { divideRounded, usdJson, usdToFemto } from "@/lib/money";
import { niceScale, type Scale } from "./axis";

export interface BudgetSpendRow {
  day: Day;
  /** Cumulative spend through the end of this day; null after the last day with data. */
  spend: number | null;
  /** The forecast's expected cumulative spend, from the last day with data to the period's end. */
  forecast: number | null;
  /** The forecast's 95% band [low, high] on the same days. */
  band: [number, number] | null;
  /** Exact text of the same values, for the tooltip. */
  exact: { spend: string | null; forecast: string | null; low: string | null; high: string | null };
}

interface BudgetSpendChart {
  rows: BudgetSpendRow[];
  scale: Scale;
  /** The budget amount, for the horizontal reference line. */
  budget: number;
  /**
   * Where the budget line's label goes, clear of the curves: without a breach they stay below
   * the line, so above it at the start; with one they end above it, so below it at the end.
   */
  budgetLabel: "above-start" | "below-end";
  /** Days that carry an x-axis label: the first, the last, and evenly spaced ones between. */
  dayTicks: Day[];
  /**
   * The breach day's line. Its label sits on the side of the line away from the spend curve,
   * which rises from bottom left: after the line early in the period, before it late.
   */
  breach: { day: Day; kind: "breached" | "projected"; labelSide: "before" | "after" } | null;
}

/** At most this many day labels on the x-axis (the chart is as narrow as a phone's card). */
const MAX_DAY_TICKS = 5;

/** The value `step` of `steps` of the way from `from` to `to`, exactly (femtodollars, half-even). */
function between(from: bigint, to: bigint, step: number, steps: number): bigint {
  return from + divideRounded((to - from) * BigInt(step), BigInt(steps));
}

/** Evenly spaced days from `from` to `to`, both included, at most `max` of them. */
export function spacedDays(from: Day, to: Day, max = MAX_DAY_TICKS): Day[] {
  const span = dayCount(from, to) - 1;
  if (span <= 0) return [from];
  const intervals = Math.min(span, max - 1);
  const days = Array.from({ length: intervals + 1 }, (_, i) => addDays(from, Math.round((span * i) / intervals)));
  return [...new Set(days)];
}

export function prepareBudgetSpend(status: BudgetStatus): BudgetSpendChart {
  const { window, forecast } = status;
  const byDay = new Map(status.daily.map((point) => [point.day, usdToFemto(point.spend)]));
  const through = window.today < window.to ? window.today : window.to;
  const rows: BudgetSpendRow[] = [];
  let running = 0n;
  for (let day = window.from; day <= window.to; day = addDays(day, 1)) {
    const hasData = window.started && day <= through;
    if (hasData) running += byDay.get(day) ?? 0n;
    const spend = hasData ? usdJson(running) : null;
    rows.push({
      day,
      spend: spend === null ? null : Number(spend),
      forecast: null,
      band: null,
      exact: { spend, forecast: null, low: null, high: null },
    });
  }
  // The forecast starts where the spend line ends, so the two read as one line.
  const startIndex = rows.findIndex((row) => row.day === through);
  if (forecast && window.started && startIndex >= 0) {
    const steps = rows.length - 1 - startIndex;
    const [amount, low, high] = [forecast.amount, forecast.low, forecast.high].map(usdToFemto) as [
      bigint,
      bigint,
      bigint,
    ];
    for (let step = 0; step <= steps; step++) {
      const row = rows[startIndex + step]!;
      const at = (end: bigint) => usdJson(steps === 0 ? end : between(running, end, step, steps));
      row.exact = { ...row.exact, forecast: at(amount), low: at(low), high: at(high) };
      row.forecast = Number(row.exact.forecast);
      row.band = [Number(row.exact.low), Number(row.exact.high)];
    }
  }
  const top = [status.budget.amount, status.spent, forecast?.high ?? "0"].map(Number);
  const breachDay = status.breached_on ?? status.projected_breach_date;
  return {
    rows,
    scale: niceScale(Math.max(...top)),
    budget: Number(status.budget.amount),
    budgetLabel: breachDay ? "below-end" : "above-start",
    dayTicks: spacedDays(window.from, window.to),
    breach: breachDay
      ? {
          day: breachDay,
          kind: status.breached_on ? "breached" : "projected",
          labelSide: dayCount(window.from, breachDay) > window.days * 0.6 ? "before" : "after",
        }
      : null,
  };
}
