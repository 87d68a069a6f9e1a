import { describe, expect, it } from "vitest";
import { femtoToUsd } from "@/lib/money";
import { computeRevenue, UNALLOCATED_FEATURE, type PlanSegment } from "@/lib/margins/revenue";
import type { Plan } from "@/lib/margins/plans";
import {
  customer,
  FEBRUARY,
  MARCH,
  markupPlan,
  outcome,
  outcomePlan,
  plan,
  subscriptionPlan,
  tokenPlan,
  usd,
  usageRow,
} from "./fixtures";

const whole = (p: Plan | null, period = MARCH): PlanSegment[] => [{ plan: p, ...period }];

describe("usage-based plans", () => {
  it("prices tokens by the most specific rate", () => {
    const usage = customer("acme", [
      usageRow("2026-03-05", { model: "big", tokens: { input: 2000, output: 800, cache_read: 50_000 } }),
      usageRow("2026-03-06", { model: "small", tokens: { output: 1_000_000 } }),
    ]);
    const result = computeRevenue(usage, whole(tokenPlan), MARCH);
    // big: 2000 × $3/M = 0.006, 800 × $15/M = 0.012, cache_read 50000 × $1/M (catch-all) = 0.05 -> 0.068
    // small: 1,000,000 output × $1/M (catch-all) = 1.00; total 1.068
    expect(result.total).toBe(usd("1.068"));
    expect(result.lines.map((line) => line.kind)).toEqual(["usage"]);
  });

  it("rounds each charge once, half-even, to the femtodollar", () => {
    const tiny = plan({
      id: "tiny",
      name: "t",
      type: "usage",
      pricing: { basis: "tokens", rates: [{ pricePerMillion: "0.000000000000001" }] },
    });
    const at = (input: number) =>
      computeRevenue(customer("a", [usageRow("2026-03-01", { tokens: { input } })]), whole(tiny), MARCH).total;
    expect(at(500_000)).toBe(0n); // 1 femto/M × 0.5M = 0.5 femto -> half-even 0
    expect(at(1_500_000)).toBe(2n); // 1.5 femto -> half-even 2
    expect(at(2_500_000)).toBe(2n); // 2.5 femto -> half-even 2
  });

  it("rounds a span's usage once per feature line, so days or models rolled up into one row charge the same", () => {
    const days = customer("a", [
      usageRow("2026-03-02", { cost: 1n }),
      usageRow("2026-03-03", { cost: 1n }),
      usageRow("2026-03-04", { cost: 1n, model: "other" }),
    ]);
    const byModel = customer("a", [
      usageRow("2026-03-01", { cost: 2n }),
      usageRow("2026-03-01", { cost: 1n, model: "other" }),
    ]);
    const byFeature = customer("a", [usageRow("2026-03-01", { cost: 3n, model: "" })]);
    // 3 femto × 1.5 = 4.5 -> half-even 4 (rounded per day it would be 2 + 2 + 2 = 6; per model 3 + 2 = 5)
    expect(computeRevenue(days, whole(markupPlan), MARCH).total).toBe(4n);
    expect(computeRevenue(byModel, whole(markupPlan), MARCH).total).toBe(4n);
    expect(computeRevenue(byFeature, whole(markupPlan), MARCH).total).toBe(4n);
    // Spans are charged apart: Mar 1–2 is 1.5 -> 2, Mar 3–31 is 3 -> 3.
    const split: PlanSegment[] = [
      { plan: markupPlan, from: "2026-03-01", to: "2026-03-02" },
      { plan: markupPlan, from: "2026-03-03", to: "2026-03-31" },
    ];
    expect(computeRevenue(days, split, MARCH).total).toBe(5n);
  });

  it("sums token charges of several models exactly before rounding the feature's line", () => {
    const tiny = plan({
      id: "tiny",
      name: "t",
      type: "usage",
      pricing: { basis: "tokens", rates: [{ pricePerMillion: "0.000000000000001" }] },
    });
    // 0.5 femto per model: rounded per model 0 + 0, once per line 1.
    const usage = customer("a", [
      usageRow("2026-03-01", { model: "big", tokens: { input: 500_000 } }),
      usageRow("2026-03-01", { model: "small", tokens: { input: 500_000 } }),
    ]);
    expect(computeRevenue(usage, whole(tiny), MARCH).total).toBe(1n);
  });

  it("charges cost plus markup", () => {
    const usage = customer("acme", [usageRow("2026-03-02", { cost: usd("2") }), usageRow("2026-03-03", { cost: 1n })]);
    // $2 × 1.5 = $3; 1 femto × 1.5 = 1.5 -> half-even 2 femto
    expect(computeRevenue(usage, whole(markupPlan), MARCH).total).toBe(usd("3") + 2n);
    const fractional = plan({ id: "m", name: "m", type: "usage", pricing: { basis: "markup", markupPercent: "12.5" } });
    // $1 × 1.125
    expect(
      computeRevenue(customer("a", [usageRow("2026-03-02", { cost: usd("1") })]), whole(fractional), MARCH).total,
    ).toBe(usd("1.125"));
  });

  it("charges per request", () => {
    const perRequest = plan({
      id: "r",
      name: "r",
      type: "usage",
      pricing: { basis: "requests", pricePerRequest: "0.01" },
    });
    // 250 requests × $0.01 = $2.50
    expect(
      computeRevenue(customer("a", [usageRow("2026-03-09", { requests: 250 })]), whole(perRequest), MARCH).total,
    ).toBe(usd("2.5"));
  });

  it("earns nothing without usage", () => {
    expect(computeRevenue(customer("idle"), whole(tokenPlan), MARCH)).toEqual({ total: 0n, lines: [], allowances: [] });
  });
});

describe("outcome-based plans", () => {
  it("charges each priced outcome type and ignores the others", () => {
    const usage = customer(
      "acme",
      [usageRow("2026-03-01", { cost: usd("4") })],
      [
        outcome("2026-03-01", "ticket_resolved", 2),
        outcome("2026-03-02", "ticket_resolved", 1, { feature: "email" }),
        outcome("2026-03-02", "lead_qualified", 7),
      ],
    );
    const result = computeRevenue(usage, whole(outcomePlan), MARCH);
    // chat: 2 × $0.99 = 1.98; email: 1 × $0.99 = 0.99; lead_qualified is not priced
    expect(result.total).toBe(usd("2.97"));
    expect(result.lines.map((line) => [line.feature, line.outcomeType, femtoToUsd(line.amount)])).toEqual([
      ["chat", "ticket_resolved", "1.980000000000000"],
      ["email", "ticket_resolved", "0.990000000000000"],
    ]);
  });

  it("earns nothing when there are no outcomes, whatever the usage", () => {
    const usage = customer("acme", [usageRow("2026-03-01", { cost: usd("40"), tokens: { input: 9_000_000 } })]);
    expect(computeRevenue(usage, whole(outcomePlan), MARCH).total).toBe(0n);
  });
});

describe("subscriptions", () => {
  it("charges the fee alone when there is no usage", () => {
    const result = computeRevenue(customer("quiet"), whole(subscriptionPlan), MARCH);
    expect(result.total).toBe(usd("300"));
    expect(result.lines).toMatchObject([{ kind: "fee", feature: UNALLOCATED_FEATURE, amount: usd("300") }]);
    expect(result.allowances).toEqual([
      {
        planId: "sub",
        month: "2026-03",
        from: "2026-03-01",
        to: "2026-03-31",
        unit: "tokens",
        allowance: 1_000_000n,
        used: 0n,
        crossedOn: null,
      },
    ]);
  });

  it("bills overage only past the day the allowance is crossed", () => {
    const usage = customer("acme", [
      usageRow("2026-03-20", { tokens: { output: 100_000 } }),
      usageRow("2026-03-01", { tokens: { input: 400_000 } }),
      usageRow("2026-03-10", { tokens: { input: 500_000 } }),
      usageRow("2026-03-15", { tokens: { input: 300_000 } }),
    ]);
    const result = computeRevenue(usage, whole(subscriptionPlan), MARCH);
    // allowance 1,000,000: 400k + 500k leaves 100k; on 03-15, 200k of 300k are past it:
    //   300k × $5/M = $1.50 × 200k/300k = $1.00; 03-20 in full: 100k × $5/M = $0.50
    // 300 + 1.00 + 0.50 = 301.50
    expect(result.total).toBe(usd("301.5"));
    expect(result.allowances[0]).toMatchObject({ used: 1_300_000n, crossedOn: "2026-03-15" });
    expect(result.lines.filter((line) => line.kind === "overage").map((line) => line.amount)).toEqual([usd("1.5")]);
  });

  it("splits the crossing day's overage over its rows by their share", () => {
    const sub = plan({
      id: "s",
      name: "s",
      type: "subscription",
      monthlyFee: "100",
      allowance: { unit: "tokens", amount: 100_000 },
      overage: { basis: "tokens", rates: [{ model: "big", pricePerMillion: "6" }, { pricePerMillion: "3" }] },
    });
    const usage = customer("acme", [
      usageRow("2026-03-04", { feature: "a", model: "big", tokens: { input: 100_000 }, cost: usd("1") }),
      usageRow("2026-03-04", { feature: "b", model: "small", tokens: { input: 200_000 }, cost: usd("3") }),
    ]);
    const result = computeRevenue(usage, whole(sub), MARCH);
    // day total 300k, allowance 100k -> 200k/300k of each row is overage
    // a: 100k × $6/M = 0.60 × 2/3 = 0.40; b: 200k × $3/M = 0.60 × 2/3 = 0.40
    // fee $100 split by cost 1:3 -> a 25, b 75
    const byKind = (kind: string, feature: string) =>
      result.lines.find((l) => l.kind === kind && l.feature === feature)?.amount;
    expect([byKind("overage", "a"), byKind("overage", "b")]).toEqual([usd("0.4"), usd("0.4")]);
    expect([byKind("fee", "a"), byKind("fee", "b")]).toEqual([usd("25"), usd("75")]);
    expect(result.total).toBe(usd("100.8"));
  });

  it("rounds a feature's overage once: the crossing day's share and later days summed exactly", () => {
    const sub = plan({
      id: "s",
      name: "s",
      type: "subscription",
      monthlyFee: "0",
      allowance: { unit: "requests", amount: 1 },
      overage: { basis: "requests", pricePerRequest: "0.000000000000001" },
    });
    // Mar 2: 2 requests past an allowance of 1 -> half of each row (0.5 femto each) is overage;
    // Mar 3: 1 request in full. Per row: 0 + 0 + 1 = 1 femto; once per line: 0.5 + 0.5 + 1 = 2.
    const usage = customer("acme", [
      usageRow("2026-03-02", { model: "big", requests: 1, cost: 1n }),
      usageRow("2026-03-02", { model: "small", requests: 1, cost: 1n }),
      usageRow("2026-03-03", { model: "big", requests: 1, cost: 1n }),
    ]);
    const overage = computeRevenue(usage, whole(sub), MARCH).lines.filter((line) => line.kind === "overage");
    expect(overage.map((line) => line.amount)).toEqual([2n]);
  });

  it("measures an allowance in dollars of cost", () => {
    const sub = plan({
      id: "c",
      name: "c",
      type: "subscription",
      monthlyFee: "100",
      allowance: { unit: "cost", amount: "50" },
      overage: { basis: "markup", markupPercent: "20" },
    });
    const usage = customer("acme", [
      usageRow("2026-03-01", { cost: usd("30") }),
      usageRow("2026-03-02", { cost: usd("30") }),
    ]);
    // $50 covers day 1 ($30) and $20 of day 2; day 2 overage: 30 × 1.2 = 36 × (10/30) = $12 -> 112
    expect(computeRevenue(usage, whole(sub), MARCH).total).toBe(usd("112"));
  });

  it("includes usage past the allowance when the plan has no overage price", () => {
    const capped = plan({
      id: "cap",
      name: "cap",
      type: "subscription",
      monthlyFee: "10",
      allowance: { unit: "requests", amount: 5 },
    });
    const result = computeRevenue(customer("a", [usageRow("2026-03-01", { requests: 50 })]), whole(capped), MARCH);
    expect(result.total).toBe(usd("10"));
    expect(result.allowances[0]?.crossedOn).toBe("2026-03-01");
  });

  it("prorates the fee by days for part of a month", () => {
    const tenDays = { from: "2026-03-01", to: "2026-03-10" };
    const result = computeRevenue(customer("a"), whole(subscriptionPlan, tenDays), tenDays);
    // 300 × 10/31 = 96.774193548387096774... -> 96.774193548387097 (femto, half-even)
    expect(femtoToUsd(result.total)).toBe("96.774193548387097");
    expect(result.allowances[0]?.allowance).toBe(322_581n); // 1,000,000 × 10/31 = 322,580.6 -> 322,581
  });

  it("charges one fee per calendar month of the period", () => {
    const period = { from: "2026-02-01", to: "2026-03-31" };
    expect(computeRevenue(customer("a"), whole(subscriptionPlan, period), period).total).toBe(usd("600"));
  });
});

describe("a plan change in the middle of the month", () => {
  it("bills each plan for its own days, each with its own allowance", () => {
    const sub = plan({
      id: "sub-req",
      name: "Requests",
      type: "subscription",
      monthlyFee: "310",
      allowance: { unit: "requests", amount: 3100 },
      overage: { basis: "requests", pricePerRequest: "0.10" },
    });
    const segments: PlanSegment[] = [
      { plan: markupPlan, from: "2026-03-01", to: "2026-03-15" },
      { plan: sub, from: "2026-03-16", to: "2026-03-31" },
    ];
    const usage = customer("acme", [
      usageRow("2026-03-10", { requests: 1000, cost: usd("10") }),
      usageRow("2026-03-20", { requests: 1000, cost: usd("4") }),
      usageRow("2026-03-25", { requests: 1000, cost: usd("4") }),
    ]);
    const result = computeRevenue(usage, segments, MARCH);
    // until 03-15, cost plus 50%: $10 × 1.5 = $15
    // from 03-16 (16 of 31 days): fee 310 × 16/31 = $160, allowance 3100 × 16/31 = 1600 requests
    //   03-20 uses 1000 (600 left); 03-25 uses 1000: 400 past it -> 1000 × $0.10 × 400/1000 = $40
    // 15 + 160 + 40 = 215
    expect(result.total).toBe(usd("215"));
    expect(result.allowances).toMatchObject([
      { planId: "sub-req", allowance: 1600n, used: 2000n, crossedOn: "2026-03-25" },
    ]);
  });
});

describe("hybrid plans", () => {
  const hybrid = plan({
    id: "hyb",
    name: "Platform + outcomes",
    type: "hybrid",
    monthlyFee: "50",
    outcomePrices: [{ outcomeType: "document_generated", price: "2" }],
    usage: { basis: "markup", markupPercent: "10" },
  });

  it("adds the fee, the outcomes and the usage", () => {
    const usage = customer(
      "acme",
      [usageRow("2026-02-03", { cost: usd("20") })],
      [outcome("2026-02-04", "document_generated", 5)],
    );
    // 50 + 5 × 2 + 20 × 1.1 = 50 + 10 + 22 = 82
    expect(computeRevenue(usage, whole(hybrid, FEBRUARY), FEBRUARY).total).toBe(usd("82"));
  });

  it("charges the fee alone with no usage and no outcomes", () => {
    expect(computeRevenue(customer("acme"), whole(hybrid, FEBRUARY), FEBRUARY).total).toBe(usd("50"));
  });
});

describe("input checks", () => {
  it("charges nothing for days without a plan", () => {
    expect(computeRevenue(customer("a", [usageRow("2026-03-01", { cost: usd("5") })]), whole(null), MARCH).total).toBe(
      0n,
    );
  });

  it("rejects rows outside the period and counts that are not whole", () => {
    expect(() => computeRevenue(customer("a", [usageRow("2026-04-01")]), whole(tokenPlan), MARCH)).toThrow(
      /outside the period/,
    );
    expect(() =>
      computeRevenue(customer("a", [usageRow("2026-03-01", { tokens: { input: 1.5 } })]), whole(tokenPlan), MARCH),
    ).toThrow(/tokens.input must be a non-negative whole number/);
  });
});
