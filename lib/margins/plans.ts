/**
 * Pricing plans: how a customer is charged. Plans are stored and exchanged as JSON with money as
 * decimal strings of dollars; parsing turns every amount into exact bigint femtodollars.
 */
import { z } from "zod";
import { usdToFemto, type Femto } from "@/lib/money";
import { TOKEN_CLASSES, type TokenClass } from "@/lib/token-classes";

const USD = /^\d+(\.\d{1,15})?$/;
const PERCENT = /^-?\d+(\.\d{1,6})?$/;
/** Markup percentages are held in millionths of a percent: "12.5" -> 12_500_000n. */
export const MICRO_PERCENT_PER_PERCENT = 1_000_000n;

/** A money field: a decimal string of dollars, parsed to femtodollars. */
export const usdField = (what: string) =>
  z
    .string({ error: `${what} must be a string of dollars, like "0.25"` })
    .regex(USD, {
      error: `${what} must be a non-negative decimal amount of dollars with at most 15 decimal places, like "0.25"`,
    })
    .transform((value): Femto => usdToFemto(value));

const wholeCount = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .nonnegative({ error: `${what} must not be negative` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${what} is too large` })
    .transform((value) => BigInt(value));

/** A required, trimmed text field. */
export const textField = (what: string, max: number) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` });

export const tokenClassSchema = z.enum(TOKEN_CLASSES, {
  error: `tokenClass must be one of ${TOKEN_CLASSES.join(", ")}`,
});

const tokenRateSchema = z.strictObject({
  model: textField("model", 200).optional(),
  tokenClass: tokenClassSchema.optional(),
  pricePerMillion: usdField("pricePerMillion"),
});

const tokensPricing = z
  .strictObject({
    basis: z.literal("tokens"),
    rates: z.array(tokenRateSchema).min(1, { error: "rates must list at least one price" }),
  })
  .superRefine((pricing, ctx) => {
    const seen = new Map<string, number>();
    pricing.rates.forEach((rate, index) => {
      const key = `${rate.model ?? "*"}\u0000${rate.tokenClass ?? "*"}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        ctx.addIssue({
          code: "custom",
          path: ["rates", index],
          message: `duplicates rates[${first}] (same model and tokenClass)`,
        });
    });
  });

/** A markup in percent as a decimal string ("30", "-10", "12.5"), parsed to millionths of a percent. */
export const markupPercentSchema = z
  .string({ error: `markupPercent must be a string, like "30"` })
  .regex(PERCENT, {
    error: `markupPercent must be a decimal percentage with at most 6 decimal places, like "30" or "12.5"`,
  })
  .transform(parseMicroPercent)
  .refine((micro) => micro >= -100n * MICRO_PERCENT_PER_PERCENT, { error: "markupPercent must be at least -100" });

const markupPricing = z.strictObject({ basis: z.literal("markup"), markupPercent: markupPercentSchema });

const requestsPricing = z.strictObject({
  basis: z.literal("requests"),
  pricePerRequest: usdField("pricePerRequest"),
});

export const usagePricingSchema = z.discriminatedUnion("basis", [tokensPricing, markupPricing, requestsPricing], {
  error: `basis must be "tokens", "markup" or "requests"`,
});

const outcomePricesSchema = z
  .array(z.strictObject({ outcomeType: textField("outcomeType", 200), price: usdField("price") }))
  .superRefine((prices, ctx) => {
    const seen = new Map<string, number>();
    prices.forEach((price, index) => {
      const first = seen.get(price.outcomeType);
      if (first === undefined) seen.set(price.outcomeType, index);
      else
        ctx.addIssue({
          code: "custom",
          path: [index, "outcomeType"],
          message: `duplicates [${first}].outcomeType "${price.outcomeType}"`,
        });
    });
  });

const allowanceSchema = z.discriminatedUnion(
  "unit",
  [
    z.strictObject({ unit: z.literal("tokens"), amount: wholeCount("amount") }),
    z.strictObject({ unit: z.literal("requests"), amount: wholeCount("amount") }),
    z.strictObject({ unit: z.literal("cost"), amount: usdField("amount") }),
  ],
  { error: `unit must be "tokens", "requests" or "cost"` },
);

const common = {
  id: textField("id", 100),
  name: textField("name", 200),
  description: z.string({ error: "description must be a string" }).max(2000).optional(),
};

export const planSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ ...common, type: z.literal("usage"), pricing: usagePricingSchema }),
    z.strictObject({
      ...common,
      type: z.literal("outcome"),
      outcomePrices: outcomePricesSchema.refine((prices) => prices.length > 0, {
        error: "outcomePrices must list at least one outcome type",
      }),
    }),
    z.strictObject({
      ...common,
      type: z.literal("subscription"),
      monthlyFee: usdField("monthlyFee"),
      allowance: allowanceSchema,
      /** How usage past the allowance is charged; absent means it is included (a soft cap). */
      overage: usagePricingSchema.optional(),
    }),
    z.strictObject({
      ...common,
      type: z.literal("hybrid"),
      monthlyFee: usdField("monthlyFee"),
      outcomePrices: outcomePricesSchema,
      usage: usagePricingSchema.optional(),
    }),
  ],
  { error: `type must be "usage", "outcome", "subscription" or "hybrid"` },
);

/** A plan as JSON: money as decimal strings of dollars. */
export type PlanInput = z.input<typeof planSchema>;
/** A parsed plan: money as bigint femtodollars, markup in millionths of a percent. */
export type Plan = z.output<typeof planSchema>;
export type UsagePricing = z.output<typeof usagePricingSchema>;
type TokenRate = z.output<typeof tokenRateSchema>;
export interface OutcomePrice {
  outcomeType: string;
  price: Femto;
}
export type Allowance = z.output<typeof allowanceSchema>;

export interface FieldError {
  /** Where the problem is, e.g. `pricing.rates[0].pricePerMillion`; empty for the whole value. */
  path: string;
  message: string;
}
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function parsePlan(input: unknown): ParseResult<Plan> {
  const result = planSchema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error) };
}

/** Parses a list of plans and checks their ids are unique; errors are prefixed with `[index]`. */
export function parsePlans(inputs: readonly unknown[]): ParseResult<Plan[]> {
  const errors: FieldError[] = [];
  const plans: Plan[] = [];
  const ids = new Map<string, number>();
  inputs.forEach((input, index) => {
    const parsed = parsePlan(input);
    if (!parsed.ok) {
      for (const error of parsed.errors)
        errors.push({ path: joinPath(`[${index}]`, error.path), message: error.message });
      return;
    }
    const first = ids.get(parsed.value.id);
    if (first !== undefined)
      errors.push({ path: `[${index}].id`, message: `duplicates [${first}].id "${parsed.value.id}"` });
    ids.set(parsed.value.id, index);
    plans.push(parsed.value);
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: plans };
}

/** Turns zod issues into `{ path, message }` pairs with paths written like `rates[0].model`. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : joinPath(text, String(key))),
    "",
  );
}

function joinPath(prefix: string, path: string): string {
  if (!path) return prefix;
  if (!prefix) return path;
  return path.startsWith("[") ? `${prefix}${path}` : `${prefix}.${path}`;
}

function parseMicroPercent(value: string): bigint {
  const negative = value.startsWith("-");
  const [whole, fraction = ""] = value.replace("-", "").split(".") as [string, string?];
  const micro = BigInt(whole) * MICRO_PERCENT_PER_PERCENT + BigInt(fraction.padEnd(6, "0"));
  return negative ? -micro : micro;
}

/**
 * The price per million tokens for one model and token class. The most specific rate wins:
 * model and class, then model only, then class only, then a rate naming neither. No match: null.
 */
export function tokenRateFor(rates: readonly TokenRate[], model: string, tokenClass: TokenClass): Femto | null {
  let best: TokenRate | undefined;
  let bestScore = -1;
  for (const rate of rates) {
    if (rate.model !== undefined && rate.model !== model) continue;
    if (rate.tokenClass !== undefined && rate.tokenClass !== tokenClass) continue;
    const score = (rate.model !== undefined ? 2 : 0) + (rate.tokenClass !== undefined ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [rate, score];
  }
  return best ? best.pricePerMillion : null;
}

/** The price of one outcome of a type, or null when the plan does not charge for it. */
export function outcomePriceFor(prices: readonly OutcomePrice[], outcomeType: string): Femto | null {
  return prices.find((price) => price.outcomeType === outcomeType)?.price ?? null;
}
