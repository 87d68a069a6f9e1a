/**
 * Where a budget stands now: its period in the organisation's timezone, spend to date from the
 * rollups, the forecast to the end of the period, the breach dates and the thresholds crossed.
 */
import type { Pool } from "pg";
import { usdJson, usdToFemto, type Femto } from "@/lib/money";
import { todayIn } from "@/lib/calendar/zone";
import { addDays, type Day } from "@/lib/calendar/days";
import { breachedOn, forecastSpend, projectedBreachDate } from "../forecast";
import { budgetWindow } from "../period";
import { crossedThresholds, forecastCrossings, usedFraction } from "../thresholds";
import type { Budget, BudgetStatus } from "../contracts";
import { dailySpend } from "./spend";

export async function projectTimezone(pool: Pool, projectId: string): Promise<string> {
  const { rows } = await pool.query<{ timezone: string }>(
    "SELECT o.timezone FROM projects p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1",
    [projectId],
  );
  return rows[0]?.timezone ?? "UTC";
}

const minDay = (a: Day, b: Day) => (a < b ? a : b);

export async function getBudgetStatus(
  pool: Pool,
  budget: Budget,
  timezone: string,
  now: Date = new Date(),
): Promise<BudgetStatus> {
  const today = todayIn(timezone, now);
  const window = budgetWindow(budget, today);
  const started = today >= window.from;
  const ended = today > window.to;
  const through = minDay(today, window.to);
  const daily = await dailySpend(pool, {
    projectId: budget.project_id,
    scope: budget.scope,
    basis: budget.cost_basis,
    from: minDay(window.from, addDays(today, -7)),
    to: ended ? window.to : today,
  });
  let spent: Femto = 0n;
  const series: { day: Day; spend: string }[] = [];
  for (const [day, spend] of [...daily].sort(([a], [b]) => a.localeCompare(b))) {
    if (day < window.from || day > through) continue;
    spent += spend;
    series.push({ day, spend: usdJson(spend) });
  }
  const limit = usdToFemto(budget.amount);
  const projection = ended ? null : forecastSpend(daily, spent, today, window);
  const remaining = limit - spent;
  return {
    budget,
    window: { ...window, today, timezone, started, ended },
    spent: usdJson(spent),
    remaining: usdJson(remaining > 0n ? remaining : 0n),
    used: usedFraction(spent, limit),
    breached: spent >= limit,
    breached_on: breachedOn(daily, limit, window, through),
    forecast: projection?.forecast ?? null,
    projected_breach_date: projection ? projectedBreachDate(spent, projection.meanDaily, limit, today, window) : null,
    daily: series,
    crossed: {
      actual: crossedThresholds(spent, limit, budget.actual_thresholds),
      forecast: projection
        ? forecastCrossings(spent, projection.amount, limit, {
            actual: budget.actual_thresholds,
            forecast: budget.forecast_thresholds,
          })
        : [],
    },
  };
}
