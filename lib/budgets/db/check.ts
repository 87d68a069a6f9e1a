/**
 * The pre-request check: which budgets apply to a call for (customer, feature, model, provider),
 * what each has spent this period, what remains, and whether any is breached. A budget applies
 * when every dimension it names matches the call's. Spend comes from periodSpend (running
 * totals or the smallest rollup), so the answer costs a few index lookups per budget.
 */
import type { Pool } from "pg";
import { moneyFromFemto } from "@/lib/analytics/money";
import { todayIn } from "@/lib/analytics/period";
import { usdToFemto } from "@/lib/money";
import { budgetWindow } from "../period";
import { SCOPE_DIMS, type Budget, type BudgetScope } from "../types";
import { periodSpend } from "./spend";
import { projectTimezone } from "./status";
import { listBudgets } from "./store";

export interface CheckedBudget {
  id: string;
  name: string;
  scope: BudgetScope;
  period: { from: string; to: string };
  amount: string;
  spent: string;
  remaining: string;
  breached: boolean;
}

export interface CheckResult {
  /** False when any applying budget is spent: the caller decides what to do. */
  allowed: boolean;
  budgets: CheckedBudget[];
}

export function budgetApplies(budget: Pick<Budget, "scope">, call: BudgetScope): boolean {
  return SCOPE_DIMS.every((dim) => budget.scope[dim] === undefined || budget.scope[dim] === call[dim]);
}

export async function checkBudgets(pool: Pool, projectId: string, call: BudgetScope, now: Date = new Date()): Promise<CheckResult> {
  const [budgets, timezone] = await Promise.all([listBudgets(pool, projectId), projectTimezone(pool, projectId)]);
  const today = todayIn(timezone, now);
  const checked = await Promise.all(
    budgets
      .filter((budget) => budgetApplies(budget, call))
      .map(async (budget): Promise<CheckedBudget> => {
        const window = budgetWindow(budget, today);
        const to = today < window.to ? today : window.to;
        const spent = today < window.from ? 0n : await periodSpend(pool, { projectId, scope: budget.scope, basis: budget.cost_basis, from: window.from, to });
        const limit = usdToFemto(budget.amount);
        return {
          id: budget.id,
          name: budget.name,
          scope: budget.scope,
          period: { from: window.from, to: window.to },
          amount: budget.amount,
          spent: moneyFromFemto(spent),
          remaining: moneyFromFemto(limit > spent ? limit - spent : 0n),
          breached: spent >= limit,
        };
      }),
  );
  return { allowed: checked.every((budget) => !budget.breached), budgets: checked };
}
