/** Budgets: the stored shape and what a status answers. Money is exact decimal text of dollars. */
import type { Day } from "@/lib/calendar/days";

export const BUDGET_PERIODS = ["month", "quarter", "custom"] as const;
export type BudgetPeriodKind = (typeof BUDGET_PERIODS)[number];
export const COST_BASES = ["usage", "fully_loaded"] as const;
export type CostBasis = (typeof COST_BASES)[number];
export const SCOPE_DIMS = ["feature", "customer", "model", "provider"] as const;
export type ScopeDim = (typeof SCOPE_DIMS)[number];
/** A slice of the project: a dimension left out (or null) means every value. */
export type BudgetScope = Partial<Record<ScopeDim, string>>;

export interface Budget {
  id: string;
  project_id: string;
  name: string;
  period: BudgetPeriodKind;
  from: Day | null;
  to: Day | null;
  /** Dollars, exact decimal. */
  amount: string;
  scope: BudgetScope;
  actual_thresholds: number[];
  forecast_thresholds: number[];
  cost_basis: CostBasis;
  muted: boolean;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface BudgetWindow {
  from: Day;
  to: Day;
  /** Total days in the period. */
  days: number;
}

export interface Forecast {
  method: string;
  /** The trailing complete days the rate comes from. */
  basis_from: Day;
  basis_to: Day;
  daily_mean: string;
  daily_stddev: string;
  /** Spend expected by the end of the period, with a 95% band. */
  amount: string;
  low: string;
  high: string;
}

export interface BudgetStatus {
  budget: Budget;
  window: BudgetWindow & { today: Day; timezone: string; ended: boolean; started: boolean };
  spent: string;
  remaining: string;
  /** spent / amount, e.g. 0.8123 (4 decimals). */
  used: number;
  breached: boolean;
  /** The first day cumulative spend reached the amount. */
  breached_on: Day | null;
  forecast: Forecast | null;
  /** When the forecast's rate would reach the amount inside the period; null if it would not. */
  projected_breach_date: Day | null;
  /** Spend per day of the period so far (for the chart). */
  daily: { day: Day; spend: string }[];
  /** Thresholds crossed: actual ones by spend, forecast ones by the forecast. */
  crossed: { actual: number[]; forecast: number[] };
}
