/**
 * What `/api/v1/budgets*` answers, as zod schemas: the routes declare them as their response
 * contracts (checked in tests, shown in /docs/api), the budgets page parses every answer with the
 * same ones (lib/query/hooks/budgets.ts), and the server's types are inferred from them, so none
 * of the three can drift. Client-safe: zod, the wire primitives and the budget constants only.
 */
import { z } from "zod";
import { auditRecordSchema } from "@/lib/audit/contracts";
import { wireDay, wireId, wireMoney, wireTimestamp } from "@/lib/api/wire";
import { BUDGET_PERIODS, COST_BASES, SCOPE_DIMS } from "./types";

const scope = z
  .partialRecord(z.enum(SCOPE_DIMS), z.string())
  .describe("The slice the budget covers; a dimension left out means every value");

const budgetSchema = z.object({
  id: wireId,
  project_id: z.string(),
  name: z.string(),
  period: z.enum(BUDGET_PERIODS),
  from: wireDay.nullable().describe("First day of a custom period"),
  to: wireDay.nullable().describe("Last day of a custom period"),
  amount: wireMoney,
  scope,
  actual_thresholds: z.array(z.number().int()).describe("Percentages of the amount that alert on spend"),
  forecast_thresholds: z.array(z.number().int()).describe("Percentages that alert on the forecast"),
  cost_basis: z.enum(COST_BASES),
  muted: z.boolean(),
  created_by: z.string().nullable(),
  created_at: wireTimestamp,
  updated_at: wireTimestamp,
});
export type Budget = z.infer<typeof budgetSchema>;

const forecastSchema = z.object({
  method: z.string(),
  basis_from: wireDay.describe("First of the trailing complete days the rate comes from"),
  basis_to: wireDay,
  daily_mean: wireMoney,
  daily_stddev: wireMoney,
  amount: wireMoney.describe("Spend expected by the end of the period"),
  low: wireMoney.describe("Low end of the 95% band"),
  high: wireMoney.describe("High end of the 95% band"),
});
export type Forecast = z.infer<typeof forecastSchema>;

export const budgetStatusSchema = z.object({
  budget: budgetSchema,
  window: z.object({
    from: wireDay,
    to: wireDay,
    days: z.number().int().describe("Total days in the period"),
    today: wireDay,
    timezone: z.string(),
    ended: z.boolean(),
    started: z.boolean(),
  }),
  spent: wireMoney,
  remaining: wireMoney,
  used: z.number().describe("spent / amount, 4 decimals"),
  breached: z.boolean(),
  breached_on: wireDay.nullable().describe("The first day cumulative spend reached the amount"),
  forecast: forecastSchema.nullable(),
  projected_breach_date: wireDay
    .nullable()
    .describe("When the forecast's rate would reach the amount inside the period; null if it would not"),
  daily: z.array(z.object({ day: wireDay, spend: wireMoney })).describe("Spend per day of the period so far"),
  crossed: z
    .object({ actual: z.array(z.number().int()), forecast: z.array(z.number().int()) })
    .describe("Thresholds crossed: actual ones by spend, forecast ones by the forecast"),
});
export type BudgetStatus = z.infer<typeof budgetStatusSchema>;

export const budgetResponse = z.object({ budget: budgetSchema });
export const budgetWithAuditResponse = z.object({ budget: budgetSchema, audit: z.array(auditRecordSchema) });
export const budgetListResponse = z.object({ budgets: z.array(budgetStatusSchema) });

export const budgetCheckResponse = z.object({
  allowed: z.boolean().describe("False when any applying budget is spent"),
  budgets: z.array(
    z.object({
      id: wireId,
      name: z.string(),
      scope,
      period: z.object({ from: wireDay, to: wireDay }),
      amount: wireMoney,
      spent: wireMoney,
      remaining: wireMoney,
      breached: z.boolean(),
    }),
  ),
});
