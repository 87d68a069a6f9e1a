/** The budget API's answers as zod schemas: the response contracts of /api/v1/budgets*. */
import { z } from "zod";
import { wireDay, wireId, wireMoney, wireTimestamp } from "@/lib/api/wire";
import { auditRecordSchema } from "@/lib/alerts/contracts";
import { BUDGET_PERIODS, COST_BASES, SCOPE_DIMS } from "./types";

const scope = z
  .partialRecord(z.enum(SCOPE_DIMS), z.string())
  .describe("The slice the budget covers; a dimension left out means every value");

export const budgetSchema = z.object({
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

export const budgetStatusSchema = z.object({
  budget: budgetSchema,
  window: z.object({
    from: wireDay,
    to: wireDay,
    days: z.number().int(),
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
  forecast: z
    .object({
      method: z.string(),
      basis_from: wireDay,
      basis_to: wireDay,
      daily_mean: wireMoney,
      daily_stddev: wireMoney,
      amount: wireMoney.describe("Spend expected by the end of the period"),
      low: wireMoney.describe("Low end of the 95% band"),
      high: wireMoney.describe("High end of the 95% band"),
    })
    .nullable(),
  projected_breach_date: wireDay.nullable(),
  daily: z.array(z.object({ day: wireDay, spend: wireMoney })),
  crossed: z.object({ actual: z.array(z.number().int()), forecast: z.array(z.number().int()) }),
});

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
