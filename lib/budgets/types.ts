/** Budgets: the constants and shapes; what the API answers (Budget, BudgetStatus, Forecast) is declared in ./contracts. */
import type { Day } from "@/lib/calendar/days";

export const BUDGET_PERIODS = ["month", "quarter", "custom"] as const;
export type BudgetPeriodKind = (typeof BUDGET_PERIODS)[number];
export const COST_BASES = ["usage", "fully_loaded"] as const;
export type CostBasis = (typeof COST_BASES)[number];
export const SCOPE_DIMS = ["feature", "customer", "model", "provider"] as const;
export type ScopeDim = (typeof SCOPE_DIMS)[number];
/** A slice of the project: a dimension left out (or null) means every value. */
export type BudgetScope = Partial<Record<ScopeDim, string>>;

export interface BudgetWindow {
  from: Day;
  to: Day;
  /** Total days in the period. */
  days: number;
}
