import { usdToFemto } from "@/lib/money";
import { parsePlan, type Plan, type PlanInput } from "@/lib/margins/plans";
import type { CustomerPeriodUsage, OutcomeAggregate, UsageAggregate } from "@/lib/margins/types";

export const usd = usdToFemto;

export function plan(input: PlanInput): Plan {
  const parsed = parsePlan(input);
  if (!parsed.ok) throw new Error(`bad fixture plan: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

export function usageRow(day: string, fields: Partial<Omit<UsageAggregate, "day">> = {}): UsageAggregate {
  return { day, feature: "chat", model: "small", requests: 0, tokens: {}, cost: 0n, ...fields };
}

export function outcome(
  day: string,
  outcomeType: string,
  count: number,
  fields: Partial<OutcomeAggregate> = {},
): OutcomeAggregate {
  return { day, feature: "chat", outcomeType, count, value: 0n, ...fields };
}

export function customer(
  name: string,
  usage: UsageAggregate[] = [],
  outcomes: OutcomeAggregate[] = [],
): CustomerPeriodUsage {
  return { customer: name, usage, outcomes };
}

export const MARCH = { from: "2026-03-01", to: "2026-03-31" };
export const FEBRUARY = { from: "2026-02-01", to: "2026-02-28" };

export const tokenPlan = plan({
  id: "tokens",
  name: "Per token",
  type: "usage",
  pricing: {
    basis: "tokens",
    rates: [
      { model: "big", tokenClass: "input", pricePerMillion: "3" },
      { model: "big", tokenClass: "output", pricePerMillion: "15" },
      { pricePerMillion: "1" },
    ],
  },
});

export const markupPlan = plan({
  id: "markup",
  name: "Cost plus 50%",
  type: "usage",
  pricing: { basis: "markup", markupPercent: "50" },
});

export const outcomePlan = plan({
  id: "outcomes",
  name: "Per resolution",
  type: "outcome",
  outcomePrices: [
    { outcomeType: "ticket_resolved", price: "0.99" },
    { outcomeType: "document_generated", price: "0.10" },
  ],
});

export const subscriptionPlan = plan({
  id: "sub",
  name: "Team",
  type: "subscription",
  monthlyFee: "300",
  allowance: { unit: "tokens", amount: 1_000_000 },
  overage: { basis: "tokens", rates: [{ pricePerMillion: "5" }] },
});
