/**
 * The plan editor's form state and its translation to plan JSON (`PlanInput`). Pure, so the
 * form's rules are tested without a browser; the server still validates with `planSchema`.
 */
import type { PlanInput, UsagePricingInput } from "./plans";
import type { TokenClass } from "./types";

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
      return { basis: "markup", markupPercent: form.markupPercent.trim() };
    case "requests":
      return { basis: "requests", pricePerRequest: form.pricePerRequest.trim() };
    case "tokens":
      return {
        basis: "tokens",
        rates: form.rates.map((rate) => ({
          ...(rate.model.trim() ? { model: rate.model.trim() } : {}),
          ...(rate.tokenClass ? { tokenClass: rate.tokenClass } : {}),
          pricePerMillion: rate.pricePerMillion.trim(),
        })),
      };
  }
}

function outcomePrices(form: PlanForm) {
  return form.outcomePrices
    .filter((row) => row.outcomeType.trim() || row.price.trim())
    .map((row) => ({ outcomeType: row.outcomeType.trim(), price: row.price.trim() }));
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
      return { ...common, type: "outcome", outcomePrices: outcomePrices(form) };
    case "subscription": {
      const amount = form.allowanceUnit === "cost" ? form.allowanceAmount.trim() : count(form.allowanceAmount);
      return {
        ...common,
        type: "subscription",
        monthlyFee: form.monthlyFee.trim(),
        allowance: { unit: form.allowanceUnit, amount } as never,
        ...(form.chargeUsage ? { overage: usagePricing(form) } : {}),
      };
    }
    case "hybrid":
      return {
        ...common,
        type: "hybrid",
        monthlyFee: form.monthlyFee.trim(),
        outcomePrices: outcomePrices(form),
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
    if (usage.basis === "markup") form.markupPercent = usage.markupPercent;
    if (usage.basis === "requests") form.pricePerRequest = usage.pricePerRequest;
    if (usage.basis === "tokens")
      form.rates = usage.rates.map((rate) => ({
        model: rate.model ?? "",
        tokenClass: rate.tokenClass ?? "",
        pricePerMillion: rate.pricePerMillion,
      }));
  }
  if (plan.type === "outcome" || plan.type === "hybrid")
    form.outcomePrices = plan.outcomePrices.map((row) => ({ ...row }));
  if (plan.type === "subscription" || plan.type === "hybrid") form.monthlyFee = plan.monthlyFee;
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
      return `cost ${pricing.markupPercent.startsWith("-") ? "−" : "+"} ${pricing.markupPercent.replace("-", "")}%`;
    if (pricing.basis === "requests") return `$${pricing.pricePerRequest} per request`;
    return pricing.rates
      .map(
        (rate) => `$${rate.pricePerMillion}/M ${[rate.model, rate.tokenClass].filter(Boolean).join(" ") || "tokens"}`,
      )
      .join(", ");
  };
  const outcomes = (prices: { outcomeType: string; price: string }[]) =>
    prices.map((p) => `$${p.price} per ${p.outcomeType}`).join(", ");
  switch (plan.type) {
    case "usage":
      return usage(plan.pricing);
    case "outcome":
      return outcomes(plan.outcomePrices);
    case "subscription":
      return `$${plan.monthlyFee}/month incl. ${plan.allowance.unit === "cost" ? `$${plan.allowance.amount} of cost` : `${plan.allowance.amount} ${plan.allowance.unit}`}${plan.overage ? `, then ${usage(plan.overage)}` : ""}`;
    case "hybrid":
      return [`$${plan.monthlyFee}/month`, outcomes(plan.outcomePrices), plan.usage ? usage(plan.usage) : ""]
        .filter(Boolean)
        .join(" + ");
  }
}
