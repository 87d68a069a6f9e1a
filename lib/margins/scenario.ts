/**
 * Simulator scenarios as plain JSON, so they can be saved, listed and compared. Money is written as
 * decimal strings of dollars, rates as decimal fractions ("0.6" = 60%). Changes apply in order.
 */
import { z } from "zod";
import {
  fieldErrors,
  markupPercentSchema,
  planSchema,
  textField,
  tokenClassSchema,
  usdField,
  type ParseResult,
} from "./plans";

const RATE = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;
export const PARTS_PER_MILLION = 1_000_000n;

const planId = textField("planId", 100);

const scenarioChangeSchema = z.discriminatedUnion(
  "kind",
  [
    /** Sets (or adds) the per-million price for exactly this model / token class selector. */
    z.strictObject({
      kind: z.literal("set_token_price"),
      planId,
      model: textField("model", 200).optional(),
      tokenClass: tokenClassSchema.optional(),
      pricePerMillion: usdField("pricePerMillion"),
    }),
    z.strictObject({
      kind: z.literal("set_outcome_price"),
      planId,
      outcomeType: textField("outcomeType", 200),
      price: usdField("price"),
    }),
    z.strictObject({ kind: z.literal("set_markup"), planId, markupPercent: markupPercentSchema }),
    z.strictObject({ kind: z.literal("set_request_price"), planId, pricePerRequest: usdField("pricePerRequest") }),
    z.strictObject({ kind: z.literal("set_monthly_fee"), planId, monthlyFee: usdField("monthlyFee") }),
    /** Replaces a plan (same id) wholesale. */
    z.strictObject({ kind: z.literal("replace_plan"), plan: planSchema }),
    /** Runs a feature's calls of one model on another, re-priced by the injected price function. */
    z.strictObject({
      kind: z.literal("move_feature_model"),
      feature: textField("feature", 200),
      fromModel: textField("fromModel", 200),
      toModel: textField("toModel", 200),
      /** Only these customers; all when absent. */
      customers: z.array(textField("customers[]", 256)).optional(),
    }),
    /**
     * Assumes more prompt caching. "shift": round(rate × input) uncached input tokens become cache reads.
     * "target": cache reads are raised to round(rate × (input + cache_read)) when below it, never lowered.
     */
    z.strictObject({
      kind: z.literal("cache_hit_rate"),
      rate: z
        .string({ error: `rate must be a string, like "0.6"` })
        .regex(RATE, { error: `rate must be a decimal fraction from 0 to 1 with at most 6 decimal places, like "0.6"` })
        .transform(toPartsPerMillion),
      mode: z.enum(["shift", "target"], { error: `mode must be "shift" or "target"` }).default("shift"),
      feature: textField("feature", 200).optional(),
      model: textField("model", 200).optional(),
    }),
  ],
  {
    error: `kind must be one of set_token_price, set_outcome_price, set_markup, set_request_price, set_monthly_fee, replace_plan, move_feature_model, cache_hit_rate`,
  },
);

export const scenarioSchema = z.strictObject({
  name: textField("name", 200),
  description: z.string({ error: "description must be a string" }).max(2000).optional(),
  changes: z.array(scenarioChangeSchema).max(50, { error: "a scenario has at most 50 changes" }),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A parsed scenario: money in femtodollars, cache rates in parts per million. */
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioChange = Scenario["changes"][number];

export function parseScenario(input: unknown): ParseResult<Scenario> {
  const result = scenarioSchema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error) };
}

function toPartsPerMillion(value: string): bigint {
  const [whole, fraction = ""] = value.split(".") as [string, string?];
  return BigInt(whole) * PARTS_PER_MILLION + BigInt(fraction.padEnd(6, "0"));
}
