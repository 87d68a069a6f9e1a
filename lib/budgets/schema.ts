/**
 * The budget a client writes (snake_case JSON), validated field by field. Amounts are decimal
 * strings of dollars (a JSON number is taken as written); thresholds are whole percentages.
 */
import { z } from "zod";
import { checkPeriodSpan, daySchema } from "@/lib/calendar/days";
import { numberToFemto, usdToFemto } from "@/lib/money";
import { BUDGET_PERIODS, COST_BASES } from "./types";

const MAX_AMOUNT = 10n ** 15n * 10n ** 15n; // $1e15 in femtodollars: far above any real budget

const amountSchema = z
  .union([z.string(), z.number()], { error: 'a decimal amount of dollars, e.g. "2500.00"' })
  .transform((value, ctx) => {
    try {
      const femto = typeof value === "number" ? numberToFemto(value) : usdToFemto(value);
      if (femto <= 0n) ctx.addIssue({ code: "custom", message: "must be more than 0" });
      else if (femto >= MAX_AMOUNT) ctx.addIssue({ code: "custom", message: "must be less than 1e15 dollars" });
      return femto;
    } catch {
      ctx.addIssue({ code: "custom", message: 'a decimal amount of dollars with at most 15 decimals, e.g. "2500.00"' });
      return z.NEVER;
    }
  });

const thresholds = z
  .array(
    z.number({ error: "whole percentages" }).int("whole percentages").min(1, "at least 1%").max(1000, "at most 1000%"),
    { error: "a list of percentages, e.g. [50, 80, 100]" },
  )
  .max(10, "at most 10 thresholds")
  .refine((list) => new Set(list).size === list.length, "each threshold once")
  .transform((list) => [...list].sort((a, b) => a - b));

/** The message for a value that is not an object; unknown keys keep zod's own message, which names them. */
export const objectError = (message: string) => (issue: { code: string }) =>
  issue.code === "invalid_type" ? message : undefined;

const dimValue = z
  .string({ error: "a value of the dimension, or null for every value" })
  .trim()
  .min(1, "empty: leave it out for every value")
  .max(200, "at most 200 characters");

const scopeSchema = z
  .object(
    {
      feature: dimValue.nullish(),
      customer: dimValue.nullish(),
      model: dimValue.nullish(),
      provider: dimValue.nullish(),
    },
    { error: objectError("an object with any of feature, customer, model, provider") },
  )
  .strict()
  .transform(
    (scope) =>
      Object.fromEntries(Object.entries(scope).filter(([, value]) => value !== null && value !== undefined)) as Record<
        string,
        string
      >,
  );

const fields = {
  name: z
    .string({ error: "required, a name for the budget" })
    .trim()
    .min(1, "required")
    .max(120, "at most 120 characters"),
  period: z.enum(BUDGET_PERIODS, { error: `one of ${BUDGET_PERIODS.join(", ")}` }),
  from: daySchema.nullish(),
  to: daySchema.nullish(),
  amount: amountSchema,
  scope: scopeSchema.default({}),
  actual_thresholds: thresholds.default([50, 80, 100]),
  forecast_thresholds: thresholds.default([100]),
  cost_basis: z.enum(COST_BASES, { error: `one of ${COST_BASES.join(", ")}` }).default("usage"),
  muted: z.boolean({ error: "true or false" }).default(false),
};

function checkPeriod(input: { period: string; from?: string | null; to?: string | null }, ctx: z.RefinementCtx): void {
  if (input.period === "custom") {
    if (!input.from) ctx.addIssue({ code: "custom", path: ["from"], message: "required for a custom period" });
    if (!input.to) ctx.addIssue({ code: "custom", path: ["to"], message: "required for a custom period" });
    const spanProblem = input.from && input.to ? checkPeriodSpan(input.from, input.to) : null;
    if (spanProblem) ctx.addIssue({ code: "custom", path: ["to"], message: spanProblem });
  } else {
    if (input.from)
      ctx.addIssue({
        code: "custom",
        path: ["from"],
        message: `only for a custom period (${input.period} follows the calendar)`,
      });
    if (input.to)
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `only for a custom period (${input.period} follows the calendar)`,
      });
  }
}

export const budgetInputSchema = z
  .object(fields, { error: objectError("a JSON object describing the budget") })
  .strict()
  .superRefine(checkPeriod);
export type BudgetInput = z.infer<typeof budgetInputSchema>;

/** An update: any subset of the fields, merged onto the budget and checked whole again. */
export const budgetPatchSchema = z.record(z.string(), z.unknown(), {
  error: "a JSON object with the fields to change",
});
