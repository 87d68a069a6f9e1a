/** Applies scenario changes to plans and to usage rollups, without touching the originals. */
import { divideRounded, type Femto } from "@/lib/money";
import type { FieldError, Plan, UsagePricing } from "./plans";
import { PARTS_PER_MILLION, type ScenarioChange } from "./scenario";
import type { CustomerPeriodUsage, TokenCounts, UsageAggregate } from "./types";

/**
 * Prices token counts on a model, from the price book: the cost of `tokens` as if run on `toModel`
 * (tokens counted as they were on `fromModel`). Null when `toModel` has no price: the row is then
 * left as it was and reported, never priced at zero.
 */
export type Reprice = (tokens: TokenCounts, fromModel: string, toModel: string) => Femto | null;

export interface UnpricedChange {
  /** Index of the change in the scenario. */
  change: number;
  feature: string;
  model: string;
  toModel: string;
  /** Rollup rows left unchanged because no cost could be computed. */
  rows: number;
}

type PlanChange = Exclude<ScenarioChange, { kind: "move_feature_model" | "cache_hit_rate" }>;
type UsageChange = Extract<ScenarioChange, { kind: "move_feature_model" | "cache_hit_rate" }>;

export function isPlanChange(change: ScenarioChange): change is PlanChange {
  return change.kind !== "move_feature_model" && change.kind !== "cache_hit_rate";
}

/** Returns the plan list with the change applied, or an error naming the field at fault. */
export function applyPlanChange(plans: readonly Plan[], change: PlanChange, path: string): Plan[] | FieldError {
  const id = change.kind === "replace_plan" ? change.plan.id : change.planId;
  const index = plans.findIndex((plan) => plan.id === id);
  const field = change.kind === "replace_plan" ? `${path}.plan.id` : `${path}.planId`;
  if (index < 0) return { path: field, message: `no plan with id ${JSON.stringify(id)}` };
  const updated = change.kind === "replace_plan" ? change.plan : editPlan(plans[index]!, change);
  if (typeof updated === "string") return { path: field, message: updated };
  return plans.map((plan, i) => (i === index ? updated : plan));
}

function editPlan(plan: Plan, change: Exclude<PlanChange, { kind: "replace_plan" }>): Plan | string {
  switch (change.kind) {
    case "set_monthly_fee":
      if (plan.type !== "subscription" && plan.type !== "hybrid")
        return `plan "${plan.id}" is ${plan.type}-based and has no monthly fee`;
      return { ...plan, monthlyFee: change.monthlyFee };
    case "set_outcome_price": {
      if (plan.type !== "outcome" && plan.type !== "hybrid")
        return `plan "${plan.id}" is ${plan.type}-based and has no outcome prices`;
      const others = plan.outcomePrices.filter((price) => price.outcomeType !== change.outcomeType);
      return { ...plan, outcomePrices: [...others, { outcomeType: change.outcomeType, price: change.price }] };
    }
    case "set_token_price":
    case "set_markup":
    case "set_request_price": {
      const basis = { set_token_price: "tokens", set_markup: "markup", set_request_price: "requests" } as const;
      const pricing = usagePricingOf(plan);
      if (pricing?.basis !== basis[change.kind])
        return `plan "${plan.id}" has no usage pricing on a ${basis[change.kind]} basis`;
      return withUsagePricing(plan, editPricing(pricing, change));
    }
  }
}

function editPricing(
  pricing: UsagePricing,
  change: Extract<PlanChange, { kind: "set_token_price" | "set_markup" | "set_request_price" }>,
): UsagePricing {
  switch (change.kind) {
    case "set_markup":
      return { basis: "markup", markupPercent: change.markupPercent };
    case "set_request_price":
      return { basis: "requests", pricePerRequest: change.pricePerRequest };
    case "set_token_price": {
      if (pricing.basis !== "tokens") return pricing;
      const same = (rate: { model?: string; tokenClass?: string }) =>
        rate.model === change.model && rate.tokenClass === change.tokenClass;
      const rate = {
        pricePerMillion: change.pricePerMillion,
        ...(change.model ? { model: change.model } : {}),
        ...(change.tokenClass ? { tokenClass: change.tokenClass } : {}),
      };
      const rates = pricing.rates.some(same)
        ? pricing.rates.map((r) => (same(r) ? rate : r))
        : [...pricing.rates, rate];
      return { basis: "tokens", rates };
    }
  }
}

/** The usage pricing a price change edits: the plan's own, a subscription's overage, a hybrid's usage part. */
function usagePricingOf(plan: Plan): UsagePricing | undefined {
  switch (plan.type) {
    case "usage":
      return plan.pricing;
    case "subscription":
      return plan.overage;
    case "hybrid":
      return plan.usage;
    case "outcome":
      return undefined;
  }
}

function withUsagePricing(plan: Plan, pricing: UsagePricing): Plan {
  switch (plan.type) {
    case "usage":
      return { ...plan, pricing };
    case "subscription":
      return { ...plan, overage: pricing };
    case "hybrid":
      return { ...plan, usage: pricing };
    case "outcome":
      return plan;
  }
}

/**
 * Applies a usage change to every customer's rollups. Moving a model replaces the row's whole
 * cost (tokens and GPU) with the re-priced cost on the new model. A cache assumption keeps the
 * row's cost and adds the difference the price book gives between the new and old token mix,
 * so GPU time and historical prices already in the cost stay as they were.
 */
export function applyUsageChange(
  customers: readonly CustomerPeriodUsage[],
  change: UsageChange,
  index: number,
  reprice: Reprice,
  unpriced: UnpricedChange[],
): CustomerPeriodUsage[] {
  const missing = new Map<string, UnpricedChange>();
  const noPrice = (row: UsageAggregate, toModel: string) => {
    const key = `${row.feature}\u0000${row.model}\u0000${toModel}`;
    const entry = missing.get(key) ?? { change: index, feature: row.feature, model: row.model, toModel, rows: 0 };
    missing.set(key, entry);
    entry.rows += 1;
  };
  const edit = (customer: string, row: UsageAggregate): UsageAggregate => {
    if (change.kind === "move_feature_model") {
      if (row.feature !== change.feature || row.model !== change.fromModel) return row;
      if (change.customers && !change.customers.includes(customer)) return row;
      const cost = reprice(row.tokens, change.fromModel, change.toModel);
      if (cost === null) {
        noPrice(row, change.toModel);
        return row;
      }
      return { ...row, model: change.toModel, cost };
    }
    if ((change.feature && row.feature !== change.feature) || (change.model && row.model !== change.model)) return row;
    const tokens = withCacheRate(row.tokens, change.rate, change.mode);
    if (tokens === row.tokens) return row;
    const before = reprice(row.tokens, row.model, row.model);
    const after = reprice(tokens, row.model, row.model);
    if (before === null || after === null) {
      noPrice(row, row.model);
      return row;
    }
    return { ...row, tokens, cost: row.cost + after - before };
  };
  const result = customers.map((usage) => ({ ...usage, usage: usage.usage.map((row) => edit(usage.customer, row)) }));
  unpriced.push(...missing.values());
  return result;
}

/** The token counts with some uncached input moved to cache reads; the same object when nothing moves. */
export function withCacheRate(tokens: TokenCounts, ratePpm: bigint, mode: "shift" | "target"): TokenCounts {
  const input = BigInt(tokens.input ?? 0);
  const cached = BigInt(tokens.cache_read ?? 0);
  const wanted =
    mode === "shift"
      ? divideRounded(input * ratePpm, PARTS_PER_MILLION)
      : divideRounded((input + cached) * ratePpm, PARTS_PER_MILLION) - cached;
  const moved = wanted < 0n ? 0n : wanted > input ? input : wanted;
  if (moved === 0n) return tokens;
  return { ...tokens, input: Number(input - moved), cache_read: Number(cached + moved) };
}
