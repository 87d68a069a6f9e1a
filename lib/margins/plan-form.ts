/**
 * The plan editor's form state and its translation to the API's snake_case plan JSON
 * (`PlanDefinitionWire`). Pure, so the form's rules are tested without a browser; the server
 * still validates with `planSchema`.
 */
import type { TokenClass } from "@/lib/token-classes";
import type { PlanDefinitionWire } from "./wire/plans";

type PlanInput = PlanDefinitionWire;
type UsagePricingInput = Extract<PlanDefinitionWire, { type: "usage" }>["pricing"];

export type UsageBasis = "tokens" | "markup" | "requests";

export interface PlanForm {
  id: string;
  name: string;
  type: PlanInput["type"];
  usageBasis: UsageBasis;
  markupPercent: string;
  pricePerRequest: string;
  rates: { model: string; tokenClass: TokenClass | ""; pricePerMillion: string }[];
  outcomePrices: { outcomeType: string; price: string }[];
  monthlyFee: string;
  allowanceUnit: "tokens" | "requests" | "cost";
  allowanceAmount: string;
  /** Subscription overage and hybrid usage charges: off, or on the usage basis above. */
  chargeUsage: boolean;
}

export function emptyPlanForm(type: PlanInput["type"] = "outcome", outcomeTypes: readonly string[] = []): PlanForm {
  return {
    id: "",
    name: "",
    type,
    usageBasis: "markup",
    markupPercent: "30",
    pricePerRequest: "0.01",
    rates: [{ model: "", tokenClass: "", pricePerMillion: "" }],
    outcomePrices: (outcomeTypes.length ? outcomeTypes : [""]).map((outcomeType) => ({ outcomeType, price: "" })),
    monthlyFee: "",
    allowanceUnit: "requests",
    allowanceAmount: "",
    chargeUsage: type === "subscription",
  };
}

/** "Per resolution (EU)" -> "per-resolution-eu": a readable id for a new plan. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100);
}

function usagePricing(form: PlanForm): UsagePricingInput {
  switch (form.usageBasis) {
    case "markup":
      return { basis: "markup", markup_percent: form.markupPercent.trim() };
    case "requests":
      return { basis: "requests", price_per_request: form.pricePerRequest.trim() };
    case "tokens":
      return {
        basis: "tokens",
        rates: form.rates.map((rate) => ({
          ...(rate.model.trim() ? { model: rate.model.trim() } : {}),
          ...(rate.tokenClass ? { token_class: rate.tokenClass } : {}),
          price_per_million: rate.pricePerMillion.trim(),
        })),
      };
  }
}

function outcomePrices(form: PlanForm) {
  return form.outcomePrices
    .filter((row) => row.outcomeType.trim() || row.price.trim())
    .map((row) => ({ outcome_type: row.outcomeType.trim(), price: row.price.trim() }));
}

/** Amounts that are not whole numbers are sent as they are, so the server can name the field. */
function count(text: string): number | string {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function planInputOf(form: PlanForm): PlanInput {
  const common = { id: form.id.trim() || slugify(form.name), name: form.name.trim() };
  switch (form.type) {
    case "usage":
      return { ...common, type: "usage", pricing: usagePricing(form) };
    case "outcome":
      return { ...common, type: "outcome", outcome_prices: outcomePrices(form) };
    case "subscription": {
      const amount = form.allowanceUnit === "cost" ? form.allowanceAmount.trim() : count(form.allowanceAmount);
      return {
        ...common,
        type: "subscription",
        monthly_fee: form.monthlyFee.trim(),
        allowance: { unit: form.allowanceUnit, amount },
        ...(form.chargeUsage ? { overage: usagePricing(form) } : {}),
      };
    }
    case "hybrid":
      return {
        ...common,
        type: "hybrid",
        monthly_fee: form.monthlyFee.trim(),
        outcome_prices: outcomePrices(form),
        ...(form.chargeUsage ? { usage: usagePricing(form) } : {}),
      };
  }
}

/** Fills the form from a stored plan, for editing. */
export function planFormOf(plan: PlanInput): PlanForm {
  const form = emptyPlanForm(plan.type);
  form.id = plan.id;
  form.name = plan.name;
  const usage =
    plan.type === "usage"
      ? plan.pricing
      : plan.type === "subscription"
        ? plan.overage
        : plan.type === "hybrid"
          ? plan.usage
          : undefined;
  form.chargeUsage = usage !== undefined;
  if (usage) {
    form.usageBasis = usage.basis;
    if (usage.basis === "markup") form.markupPercent = usage.markup_percent;
    if (usage.basis === "requests") form.pricePerRequest = usage.price_per_request;
    if (usage.basis === "tokens")
      form.rates = usage.rates.map((rate) => ({
        model: rate.model ?? "",
        tokenClass: rate.token_class ?? "",
        pricePerMillion: rate.price_per_million,
      }));
  }
  if (plan.type === "outcome" || plan.type === "hybrid")
    form.outcomePrices = plan.outcome_prices.map((row) => ({ outcomeType: row.outcome_type, price: row.price }));
  if (plan.type === "subscription" || plan.type === "hybrid") form.monthlyFee = plan.monthly_fee;
  if (plan.type === "subscription") {
    form.allowanceUnit = plan.allowance.unit;
    form.allowanceAmount = String(plan.allowance.amount);
  }
  return form;
}

/** Human summary of a plan, for lists: "$0.99 per ticket_resolved", "cost + 30%". */
export function describePlan(plan: PlanInput): string {
  const usage = (pricing: UsagePricingInput): string => {
    if (pricing.basis === "markup")
      return `cost ${pricing.markup_percent.startsWith("-") ? "−" : "+"} ${pricing.markup_percent.replace("-", "")}%`;
    if (pricing.basis === "requests") return `$${pricing.price_per_request} per request`;
    return pricing.rates
      .map(
        (rate) =>
          `$${rate.price_per_million}/M ${[rate.model, rate.token_class].filter(Boolean).join(" ") || "tokens"}`,
      )
      .join(", ");
  };
  const outcomes = (prices: { outcome_type: string; price: string }[]) =>
    prices.map((p) => `$${p.price} per ${p.outcome_type}`).join(", ");
  switch (plan.type) {
    case "usage":
      return usage(plan.pricing);
    case "outcome":
      return outcomes(plan.outcome_prices);
    case "subscription":
      return `$${plan.monthly_fee}/month incl. ${plan.allowance.unit === "cost" ? `$${plan.allowance.amount} of cost` : `${plan.allowance.amount} ${plan.allowance.unit}`}${plan.overage ? `, then ${usage(plan.overage)}` : ""}`;
    case "hybrid":
      return [`$${plan.monthly_fee}/month`, outcomes(plan.outcome_prices), plan.usage ? usage(plan.usage) : ""]
        .filter(Boolean)
        .join(" + ");
  }
}
