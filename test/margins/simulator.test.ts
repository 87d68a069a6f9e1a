import { describe, expect, it } from "vitest";
import { divideRounded } from "@/lib/money";
import type { MarginInput } from "@/lib/margins/engine";
import {
  compareScenarios,
  simulate,
  type Reprice,
  type ScenarioInput,
  type SimulationResult,
} from "@/lib/margins/simulator";
import { withCacheRate } from "@/lib/margins/scenario-apply";
import { TOKEN_CLASSES } from "@/lib/token-classes";
import { customer, MARCH, plan, subscriptionPlan, usd, usageRow } from "./fixtures";

// Price book per million tokens: big input 3, cache_read 0.30, output 15; small input 0.25, cache_read 0.025, output 1.25.
const book: Record<string, Partial<Record<string, bigint>>> = {
  big: { input: usd("3"), cache_read: usd("0.3"), output: usd("15") },
  small: { input: usd("0.25"), cache_read: usd("0.025"), output: usd("1.25") },
};
const reprice: Reprice = (tokens, _from, toModel) => {
  const prices = book[toModel];
  if (!prices) return null;
  let perMillion = 0n;
  for (const tokenClass of TOKEN_CLASSES) perMillion += BigInt(tokens[tokenClass] ?? 0) * (prices[tokenClass] ?? 0n);
  return divideRounded(perMillion, 1_000_000n);
};

const perToken = plan({
  id: "per-token",
  name: "Per token",
  type: "usage",
  pricing: {
    basis: "tokens",
    rates: [
      { tokenClass: "input", pricePerMillion: "5" },
      { tokenClass: "cache_read", pricePerMillion: "0.5" },
      { tokenClass: "output", pricePerMillion: "20" },
    ],
  },
});

// Before any change:
//   acme  support/big: 1M input + 100k output, cost 3 + 1.50 = 4.50; revenue 1M × 5 + 100k × 20 = 7.00; margin 2.50
//   beta  chat/big:    2M input, cost 6.00 + 0.10 of GPU = 6.10;      revenue 2M × 5 = 10.00;          margin 3.90
//   totals: cost 10.60, revenue 17.00, margin 6.40
const input: MarginInput = {
  period: MARCH,
  plans: [perToken, subscriptionPlan],
  assignments: [{ customer: null, planId: "per-token", effectiveFrom: "2026-01-01" }],
  importedRevenue: [{ customer: "acme", month: "2026-03", revenue: usd("999") }],
  customers: [
    customer("acme", [
      usageRow("2026-03-02", {
        feature: "support",
        model: "big",
        tokens: { input: 1_000_000, output: 100_000 },
        cost: usd("4.5"),
      }),
    ]),
    customer("beta", [
      usageRow("2026-03-03", { feature: "chat", model: "big", tokens: { input: 2_000_000 }, cost: usd("6.1") }),
    ]),
  ],
};

function run(scenario: ScenarioInput): SimulationResult {
  const outcome = simulate(input, JSON.parse(JSON.stringify(scenario)), reprice); // scenarios travel as plain JSON
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.value;
}
const row = (result: SimulationResult, name: string) => result.customers.find((c) => c.customer === name)!;

describe("simulate", () => {
  it("shows the baseline on computed revenue, ignoring imported revenue", () => {
    const result = run({ name: "nothing", changes: [] });
    expect(result.totals.before).toMatchObject({
      cost: usd("10.6"),
      revenue: usd("17"),
      margin: usd("6.4"),
      marginPct: 37.65,
    }); // 6.40/17 = 37.647%
    expect(result.totals.delta).toEqual({ cost: 0n, revenue: 0n, margin: 0n });
  });

  it("raises a token price", () => {
    const result = run({
      name: "input at $6",
      changes: [{ kind: "set_token_price", planId: "per-token", tokenClass: "input", pricePerMillion: "6" }],
    });
    // acme 1M × 6 + 2 = 8.00 (+1); beta 2M × 6 = 12.00 (+2); revenue 17 -> 20
    expect(row(result, "acme").after.revenue).toBe(usd("8"));
    expect(row(result, "beta").delta).toEqual({ cost: 0n, revenue: usd("2"), margin: usd("2") });
    expect(result.totals.delta).toEqual({ cost: 0n, revenue: usd("3"), margin: usd("3") });
  });

  it("moves a feature to a cheaper model, re-priced from the price book", () => {
    const result = run({
      name: "support on small",
      changes: [{ kind: "move_feature_model", feature: "support", fromModel: "big", toModel: "small" }],
    });
    // acme on small: 1M × 0.25 + 100k × 1.25 = 0.375; revenue stays 7.00 (per-class rates); margin 6.625
    expect(row(result, "acme")).toMatchObject({
      after: { cost: usd("0.375"), revenue: usd("7"), margin: usd("6.625") },
      delta: { cost: usd("-4.125"), revenue: 0n, margin: usd("4.125") },
    });
    expect(row(result, "beta").delta).toEqual({ cost: 0n, revenue: 0n, margin: 0n });
    expect(result.features.find((f) => f.feature === "support")!.after.cost).toBe(usd("0.375"));
    expect(result.unpriced).toEqual([]);
  });

  it("assumes a cache hit rate, keeping the cost the price book does not explain", () => {
    const result = run({ name: "60% cached", changes: [{ kind: "cache_hit_rate", rate: "0.6", feature: "chat" }] });
    // beta: 60% of 2M input -> 1.2M cache reads, 0.8M input
    //   price book before 2M × 3 = 6.00, after 0.8M × 3 + 1.2M × 0.30 = 2.76: cost 6.10 − 3.24 = 2.86
    //   revenue 0.8M × 5 + 1.2M × 0.50 = 4.60; margin 1.74
    expect(row(result, "beta")).toMatchObject({
      after: { cost: usd("2.86"), revenue: usd("4.6"), margin: usd("1.74") },
      delta: { cost: usd("-3.24"), revenue: usd("-5.4"), margin: usd("-2.16") },
    });
    expect(row(result, "acme").delta.cost).toBe(0n); // other feature untouched
  });

  it("leaves rows it cannot re-price as they were and reports them", () => {
    const result = run({
      name: "unknown model",
      changes: [{ kind: "move_feature_model", feature: "support", fromModel: "big", toModel: "mystery" }],
    });
    expect(result.unpriced).toEqual([{ change: 0, feature: "support", model: "big", toModel: "mystery", rows: 1 }]);
    expect(result.totals.delta).toEqual({ cost: 0n, revenue: 0n, margin: 0n });
  });

  it("changes a subscription fee for the customers on it", () => {
    const withSub = {
      ...input,
      assignments: [...input.assignments, { customer: "beta", planId: "sub", effectiveFrom: "2026-03-01" }],
    };
    const outcome = simulate(
      withSub,
      { name: "fee 250", changes: [{ kind: "set_monthly_fee", planId: "sub", monthlyFee: "250" }] },
      reprice,
    );
    // beta: 2M tokens on a 1M allowance -> overage 1M × $5 = 5; fee 300 -> 250
    expect(outcome.ok && outcome.value.customers.find((c) => c.customer === "beta")).toMatchObject({
      before: { revenue: usd("305") },
      after: { revenue: usd("255") },
    });
  });

  it("changes outcome prices and replaces plans wholesale", () => {
    const withOutcomes = {
      ...input,
      plans: [
        ...input.plans,
        plan({
          id: "per-ticket",
          name: "Per ticket",
          type: "outcome",
          outcomePrices: [{ outcomeType: "ticket", price: "1" }],
        }),
      ],
      assignments: [...input.assignments, { customer: "acme", planId: "per-ticket", effectiveFrom: "2026-03-01" }],
      customers: input.customers.map((c) =>
        c.customer === "acme"
          ? { ...c, outcomes: [{ day: "2026-03-02", feature: "support", outcomeType: "ticket", count: 8, value: 0n }] }
          : c,
      ),
    };
    const outcome = simulate(
      withOutcomes,
      {
        name: "tickets at $1.25, markup for the rest",
        changes: [
          { kind: "set_outcome_price", planId: "per-ticket", outcomeType: "ticket", price: "1.25" },
          {
            kind: "replace_plan",
            plan: {
              id: "per-token",
              name: "Cost plus 10%",
              type: "usage",
              pricing: { basis: "markup", markupPercent: "10" },
            },
          },
        ],
      },
      reprice,
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const of = (name: string) => outcome.value.customers.find((c) => c.customer === name)!;
    // acme: 8 tickets × $1 = 8.00 -> × $1.25 = 10.00
    expect([of("acme").before.revenue, of("acme").after.revenue]).toEqual([usd("8"), usd("10")]);
    // beta: per token 10.00 -> cost 6.10 × 1.1 = 6.71
    expect([of("beta").before.revenue, of("beta").after.revenue]).toEqual([usd("10"), usd("6.71")]);
  });

  it("names the field of a change that does not fit the plans", () => {
    expect(
      simulate(
        input,
        { name: "x", changes: [{ kind: "set_monthly_fee", planId: "per-token", monthlyFee: "9" }] },
        reprice,
      ),
    ).toEqual({
      ok: false,
      errors: [{ path: "changes[0].planId", message: 'plan "per-token" is usage-based and has no monthly fee' }],
    });
    expect(
      simulate(input, { name: "x", changes: [{ kind: "set_markup", planId: "nope", markupPercent: "5" }] }, reprice),
    ).toEqual({
      ok: false,
      errors: [{ path: "changes[0].planId", message: 'no plan with id "nope"' }],
    });
    expect(simulate(input, { name: "x", changes: [{ kind: "cache_hit_rate", rate: "1.5" }] }, reprice)).toEqual({
      ok: false,
      errors: [
        {
          path: "changes[0].rate",
          message: 'rate must be a decimal fraction from 0 to 1 with at most 6 decimal places, like "0.6"',
        },
      ],
    });
  });
});

describe("withCacheRate", () => {
  it("shifts a share of the uncached input", () => {
    // 30% of 1001 = 300.3 -> 300
    expect(withCacheRate({ input: 1001, cache_read: 10, output: 5 }, 300_000n, "shift")).toEqual({
      input: 701,
      cache_read: 310,
      output: 5,
    });
  });

  it("raises the hit rate to a target and never lowers it", () => {
    // prompt 3M + 1M = 4M, target 50% = 2M reads: move 1M
    expect(withCacheRate({ input: 3_000_000, cache_read: 1_000_000 }, 500_000n, "target")).toEqual({
      input: 2_000_000,
      cache_read: 2_000_000,
    });
    const already = { input: 1_000_000, cache_read: 3_000_000 };
    expect(withCacheRate(already, 500_000n, "target")).toBe(already);
  });
});

describe("compareScenarios", () => {
  it("lines up saved scenarios against the baseline", () => {
    const comparison = compareScenarios(
      input,
      [
        {
          name: "input at $6",
          changes: [{ kind: "set_token_price", planId: "per-token", tokenClass: "input", pricePerMillion: "6" }],
        },
        {
          name: "support on small",
          changes: [{ kind: "move_feature_model", feature: "support", fromModel: "big", toModel: "small" }],
        },
        { name: "broken", changes: [{ kind: "set_outcome_price", planId: "per-token", outcomeType: "x", price: "1" }] },
      ],
      reprice,
    );
    expect(comparison.baseline).toMatchObject({ revenue: usd("17"), margin: usd("6.4") });
    expect(comparison.scenarios.map((s) => (s.ok ? [s.name, s.delta.margin] : [s.name, s.errors[0]!.message]))).toEqual(
      [
        ["input at $6", usd("3")],
        ["support on small", usd("4.125")],
        ["broken", 'plan "per-token" is usage-based and has no outcome prices'],
      ],
    );
  });
});
