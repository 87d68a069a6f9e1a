/**
 * What `/api/v1/budgets*` answers, as zod schemas: the budgets page parses every response with
 * them (lib/query/hooks/budgets.ts) and the server's types are inferred from them, so the two
 * cannot drift. Client-safe: zod and the budget constants only. Money is exact decimal text of
 * dollars; days are `YYYY-MM-DD` in the project's timezone.
 */
import { z } from "zod";
import { BUDGET_PERIODS, COST_BASES, SCOPE_DIMS } from "./types";

const day = z.string();
const money = z.string();

export const budgetSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  name: z.string(),
  period: z.enum(BUDGET_PERIODS),
  from: day.nullable(),
  to: day.nullable(),
  amount: money,
  /** A dimension left out means every value. */
  scope: z.partialRecord(z.enum(SCOPE_DIMS), z.string()),
  actual_thresholds: z.array(z.number()),
  forecast_thresholds: z.array(z.number()),
  cost_basis: z.enum(COST_BASES),
  muted: z.boolean(),
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Budget = z.infer<typeof budgetSchema>;

export const forecastSchema = z.object({
  method: z.string(),
  /** The trailing complete days the rate comes from. */
  basis_from: day,
  basis_to: day,
  daily_mean: money,
  daily_stddev: money,
  /** Spend expected by the end of the period, with a 95% band. */
  amount: money,
  low: money,
  high: money,
});
export type Forecast = z.infer<typeof forecastSchema>;

export const budgetStatusSchema = z.object({
  budget: budgetSchema,
  window: z.object({
    from: day,
    to: day,
    /** Total days in the period. */
    days: z.number(),
    today: day,
    timezone: z.string(),
    ended: z.boolean(),
    started: z.boolean(),
  }),
  spent: money,
  remaining: money,
  /** spent / amount, e.g. 0.8123 (4 decimals). */
  used: z.number(),
  breached: z.boolean(),
  /** The first day cumulative spend reached the amount. */
  breached_on: day.nullable(),
  forecast: forecastSchema.nullable(),
  /** When the forecast's rate would reach the amount inside the period; null if it would not. */
  projected_breach_date: day.nullable(),
  /** Spend per day of the period so far (for the chart). */
  daily: z.array(z.object({ day, spend: money })),
  /** Thresholds crossed: actual ones by spend, forecast ones by the forecast. */
  crossed: z.object({ actual: z.array(z.number()), forecast: z.array(z.number()) }),
});
export type BudgetStatus = z.infer<typeof budgetStatusSchema>;
