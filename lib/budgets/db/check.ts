/**
 * The pre-request check: which budgets apply to a call for (customer, feature, model, provider),
 * what each has spent this period, what remains, and whether any is breached. A budget applies
 * when every dimension it names matches the call's. Two round trips: the budgets (with the
 * timezone), then every applying budget's spend in one statement (running totals or the smallest
 * rollup: a few index lookups per budget).
 */
import type { Pool } from "pg";
import { usdJson, usdToFemto } from "@/lib/money";
import { todayIn } from "@/lib/calendar/zone";
import { budgetWindow } from "../period";
import { SCOPE_DIMS, type BudgetScope } from "../types";
import type { Budget } from "../contracts";
import { periodSpends } from "./spend";
import { listBudgetsWithTimezone } from "./store";

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

interface CheckResult {
  /** False when any applying budget is spent: the caller decides what to do. */
  allowed: boolean;
  budgets: CheckedBudget[];
}

export function budgetApplies(budget: Pick<Budget, "scope">, call: BudgetScope): boolean {
  return SCOPE_DIMS.every((dim) => budget.scope[dim] === undefined || budget.scope[dim] === call[dim]);
}

export async function checkBudgets(
  pool: Pool,
  projectId: string,
  call: BudgetScope,
  now: Date = new Date(),
): Promise<CheckResult> {
  const { budgets, timezone } = await listBudgetsWithTimezone(pool, projectId);
  const today = todayIn(timezone, now);
  const applying = budgets
    .filter((budget) => budgetApplies(budget, call))
    .map((budget) => ({ budget, window: budgetWindow(budget, today) }));
  // A period that has not started has spent nothing: no query for it.
  const started = applying.filter(({ window }) => today >= window.from);
  const spends = await periodSpends(
    pool,
    started.map(({ budget, window }) => ({
      projectId,
      scope: budget.scope,
      basis: budget.cost_basis,
      from: window.from,
      to: today < window.to ? today : window.to,
    })),
  );
  const spentById = new Map(started.map(({ budget }, i) => [budget.id, spends[i]!]));
  const checked = applying.map(({ budget, window }): CheckedBudget => {
    const spent = spentById.get(budget.id) ?? 0n;
    const limit = usdToFemto(budget.amount);
    return {
      id: budget.id,
      name: budget.name,
      scope: budget.scope,
      period: { from: window.from, to: window.to },
      amount: budget.amount,
      spent: usdJson(spent),
      remaining: usdJson(limit > spent ? limit - spent : 0n),
      breached: spent >= limit,
    };
  });
  return { allowed: checked.every((budget) => !budget.breached), budgets: checked };
}
