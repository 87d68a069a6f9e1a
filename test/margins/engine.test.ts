import { describe, expect, it } from "vitest";
import { computeMargins, type MarginInput } from "@/lib/margins/engine";
import { UNALLOCATED_FEATURE } from "@/lib/margins/revenue";
import type { PlanAssignment } from "@/lib/margins/assignments";
import { customer, MARCH, markupPlan, outcome, outcomePlan, subscriptionPlan, usd, usageRow } from "./fixtures";

// March 2026. Default plan: cost + 50%. beta is on per-outcome pricing, dora on the $300 subscription.
const assignments: PlanAssignment[] = [
  { customer: null, planId: "markup", effectiveFrom: "2026-01-01" },
  { customer: "beta", planId: "outcomes", effectiveFrom: "2026-03-01" },
  { customer: "dora", planId: "sub", effectiveFrom: "2026-03-01" },
];

const input: MarginInput = {
  period: MARCH,
  plans: [markupPlan, outcomePlan, subscriptionPlan],
  assignments,
  comparePlanIds: ["outcomes"],
  importedRevenue: [{ customer: "gamma", month: "2026-03", revenue: usd("25") }],
  customers: [
    customer(
      "acme",
      [
        usageRow("2026-03-02", { feature: "chat", cost: usd("10"), requests: 4 }),
        usageRow("2026-03-03", { feature: "support", cost: usd("30"), requests: 6, unpricedRequests: 1 }),
      ],
      [outcome("2026-03-03", "ticket_resolved", 20, { feature: "support" })],
    ),
    customer(
      "beta",
      [usageRow("2026-03-05", { feature: "support", cost: usd("5") })],
      [outcome("2026-03-05", "ticket_resolved", 10, { feature: "support" })],
    ),
    customer("gamma", [usageRow("2026-03-10", { feature: "chat", cost: usd("40") })]),
    // dora has no usage at all and is not listed: her override brings her in.
  ],
};

describe("computeMargins on a hand-computed month", () => {
  const report = computeMargins(input);
  const of = (name: string) => report.customers.find((c) => c.customer === name)!;

  it("computes cost, revenue and margin per customer under the assigned plan", () => {
    // acme: cost 10 + 30 = 40; revenue (10 + 30) × 1.5 = 60; margin 20; 20/60 = 33.33%
    expect(of("acme")).toMatchObject({
      cost: usd("40"),
      revenue: usd("60"),
      margin: usd("20"),
      marginPct: 33.33,
      revenueSource: "computed",
      requests: 10,
      unpricedRequests: 1,
    });
    // beta: 10 × $0.99 = 9.90; margin 9.90 − 5 = 4.90; 4.90/9.90 = 49.4949% -> 49.49
    expect(of("beta")).toMatchObject({ cost: usd("5"), revenue: usd("9.9"), margin: usd("4.9"), marginPct: 49.49 });
    // dora: revenue but no cost: $300 fee, margin 300, 100%
    expect(of("dora")).toMatchObject({ cost: 0n, revenue: usd("300"), margin: usd("300"), marginPct: 100 });
    expect(report.customers.map((c) => c.customer)).toEqual(["acme", "beta", "dora", "gamma"]);
  });

  it("lets imported revenue override the computed one, and says so", () => {
    // gamma: computed 40 × 1.5 = 60, but billing says $25 -> margin 25 − 40 = −15, −15/25 = −60%
    expect(of("gamma")).toMatchObject({
      computedRevenue: usd("60"),
      importedRevenue: usd("25"),
      revenue: usd("25"),
      margin: usd("-15"),
      marginPct: -60,
      revenueSource: "imported",
    });
  });

  it("breaks each customer down by feature", () => {
    expect(of("acme").features.map((f) => [f.feature, f.cost, f.revenue, f.margin])).toEqual([
      ["chat", usd("10"), usd("15"), usd("5")], // 10 × 1.5
      ["support", usd("30"), usd("45"), usd("15")], // 30 × 1.5
    ]);
    // a fee with no cost to split it by stays unallocated
    expect(of("dora").features.map((f) => [f.feature, f.revenue])).toEqual([[UNALLOCATED_FEATURE, usd("300")]]);
  });

  it("adds up features across customers", () => {
    expect(report.features.map((f) => [f.feature, f.cost, f.revenue, f.customers])).toEqual([
      [UNALLOCATED_FEATURE, 0n, usd("300"), 1],
      ["chat", usd("50"), usd("40"), 2], // cost 10 + 40; revenue 15 (acme) + 25 (gamma, imported)
      ["support", usd("35"), usd("54.9"), 2], // cost 30 + 5; revenue 45 + 9.90
    ]);
  });

  it("totals the period", () => {
    // cost 40 + 5 + 0 + 40 = 85; revenue 60 + 9.90 + 300 + 25 = 394.90; margin 309.90; 309.90/394.90 = 78.4755% -> 78.48
    expect(report.totals).toMatchObject({
      cost: usd("85"),
      revenue: usd("394.9"),
      margin: usd("309.9"),
      marginPct: 78.48,
      unpricedRequests: 1,
    });
  });

  it("compares with an outcome-based plan side by side", () => {
    // acme: 20 × 0.99 = 19.80, margin −20.20, delta −20.20 − 20 = −40.20
    expect(of("acme").alternatives).toEqual([
      { planId: "outcomes", revenue: usd("19.8"), margin: usd("-20.2"), marginPct: -102.02, delta: usd("-40.2") },
    ]);
    // support under outcomes for acme: 19.80 − 30 = −10.20
    expect(of("acme").features.find((f) => f.feature === "support")!.alternatives[0]).toMatchObject({
      revenue: usd("19.8"),
      margin: usd("-10.2"),
    });
    const [comparison] = report.comparisons;
    // totals: revenue 19.80 + 9.90 = 29.70, margin 29.70 − 85 = −55.30, delta −55.30 − 309.90 = −365.20
    expect(comparison!.totals).toEqual({
      planId: "outcomes",
      revenue: usd("29.7"),
      margin: usd("-55.3"),
      marginPct: -186.2,
      delta: usd("-365.2"),
    });
    expect(comparison!.gainers).toEqual([]);
    // dora −300 (fee gone), acme −40.20, gamma: 0 − 40 = −40 vs −15 -> −25
    expect(comparison!.losers).toEqual([
      { customer: "dora", delta: usd("-300") },
      { customer: "acme", delta: usd("-40.2") },
      { customer: "gamma", delta: usd("-25") },
    ]);
    expect(comparison!.unchanged).toEqual(["beta"]);
  });

  it("lists loss-making customers and the share of revenue at risk", () => {
    expect(report.lossMaking).toMatchObject([
      { customer: "gamma", cost: usd("40"), revenue: usd("25"), margin: usd("-15"), marginPct: -60 },
    ]);
    // 25 / 394.90 = 0.0633071... -> 0.063307
    expect(report.revenueAtRisk).toEqual({ revenue: usd("25"), totalRevenue: usd("394.9"), share: 0.063307 });
  });

  it("buckets customers by margin %", () => {
    const counts = Object.fromEntries(report.distribution.filter((b) => b.count > 0).map((b) => [b.key, b.customers]));
    // gamma −60% -> [−100, −50); acme 33.33% and beta 49.49% -> [25, 50); dora 100% -> 75 and above
    expect(counts).toEqual({ "-100..-50": ["gamma"], "25..50": ["acme", "beta"], "75..": ["dora"] });
    expect(report.distribution.map((b) => b.key)).toEqual([
      "<-100",
      "-100..-50",
      "-50..-25",
      "-25..0",
      "0..25",
      "25..50",
      "50..75",
      "75..",
      "no-revenue",
    ]);
  });

  it("computes the break-even price per outcome and its spread over customers", () => {
    // support cost 30 + 5 = 35 over 20 + 10 = 30 tickets = 1.1666… -> 1.166666666666667 (half-even femto)
    // per customer: acme 30/20 = 1.50, beta 5/10 = 0.50; p10 = 0.5 + 0.1 × 1 = 0.60, p50 = 1.00, p90 = 1.40
    expect(report.outcomes).toEqual([
      {
        feature: "support",
        outcomeType: "ticket_resolved",
        outcomes: 30,
        value: 0n,
        cost: usd("35"),
        breakEvenPrice: usd("1.166666666666667"),
        spreadOver: "customers",
        samples: 2,
        p10: usd("0.6"),
        p50: usd("1"),
        p90: usd("1.4"),
        withoutOutcomes: 0,
      },
    ]);
  });
});

describe("computeMargins edge cases", () => {
  it("splits imported revenue over features by computed revenue and prorates a partly covered month", () => {
    const report = computeMargins({
      period: { from: "2026-03-01", to: "2026-04-15" },
      plans: [markupPlan],
      assignments: [{ customer: null, planId: "markup", effectiveFrom: "2026-01-01" }],
      importedRevenue: [
        { customer: "acme", month: "2026-04", revenue: usd("90") },
        { customer: "acme", month: "2026-05", revenue: usd("1000") },
      ],
      customers: [
        customer("acme", [
          usageRow("2026-04-02", { feature: "a", cost: usd("10") }),
          usageRow("2026-04-03", { feature: "b", cost: usd("20") }),
        ]),
      ],
    });
    const [acme] = report.customers;
    // March: nothing used, computed 0. April: imported 90 × 15/30 days = 45, split by computed revenue 15 : 30 -> 15 and 30.
    // May is outside the period.
    expect(acme).toMatchObject({
      revenue: usd("45"),
      importedRevenue: usd("45"),
      computedRevenue: usd("45"),
      revenueSource: "mixed",
    });
    expect(acme!.features.map((f) => [f.feature, f.revenue])).toEqual([
      ["a", usd("15")],
      ["b", usd("30")],
    ]);
  });

  it("has no margin % without revenue, and counts such customers apart", () => {
    const report = computeMargins({
      period: MARCH,
      plans: [outcomePlan],
      assignments: [{ customer: null, planId: "outcomes", effectiveFrom: "2026-03-01" }],
      customers: [customer("free-rider", [usageRow("2026-03-01", { cost: usd("3") })])],
      spreadOver: "days",
    });
    expect(report.customers[0]).toMatchObject({ revenue: 0n, margin: usd("-3"), marginPct: null });
    expect(report.distribution.at(-1)).toMatchObject({ key: "no-revenue", customers: ["free-rider"] });
    expect(report.revenueAtRisk).toEqual({ revenue: 0n, totalRevenue: 0n, share: null });
    expect(report.outcomes).toEqual([]);
  });

  it("spreads the cost per outcome over days when asked", () => {
    const report = computeMargins({
      period: MARCH,
      plans: [outcomePlan],
      assignments: [],
      spreadOver: "days",
      customers: [
        customer(
          "a",
          [usageRow("2026-03-01", { cost: usd("2") }), usageRow("2026-03-02", { cost: usd("9") })],
          [outcome("2026-03-01", "document_generated", 4)],
        ),
        customer("b", [usageRow("2026-03-01", { cost: usd("2") })], [outcome("2026-03-02", "document_generated", 3)]),
      ],
    });
    // day 1: (2 + 2) / 4 = 1.00; day 2: 9 / 3 = 3.00; break-even (2 + 9 + 2) / 7 = 1.857142857142857
    expect(report.outcomes[0]).toMatchObject({
      samples: 2,
      p50: usd("2"),
      p10: usd("1.2"),
      breakEvenPrice: usd("1.857142857142857"),
    });
  });

  it("follows a plan change in the middle of the month from the assignments", () => {
    const report = computeMargins({
      period: MARCH,
      plans: [markupPlan, subscriptionPlan],
      assignments: [
        { customer: null, planId: "markup", effectiveFrom: "2026-01-01" },
        { customer: "acme", planId: "sub", effectiveFrom: "2026-03-16" },
      ],
      customers: [
        customer("acme", [
          usageRow("2026-03-10", { tokens: { input: 100_000 }, cost: usd("10") }),
          usageRow("2026-03-20", { tokens: { input: 600_000 }, cost: usd("2") }),
          usageRow("2026-03-25", { tokens: { input: 200_000 }, cost: usd("1") }),
        ]),
      ],
    });
    const [acme] = report.customers;
    // 03-01..03-15 cost plus 50%: 10 × 1.5 = 15
    // 03-16..03-31, 16 of 31 days: fee 300 × 16/31 = 154.838709677419354.8… -> 154.838709677419355
    //   allowance 1,000,000 × 16/31 = 516,129.03 -> 516,129 tokens; 03-20 uses 600,000: 83,871 past it
    //   -> 600k × $5/M = 3.00 × 83,871/600,000 = 0.419355; 03-25 in full: 200k × $5/M = 1.00
    // revenue 15 + 154.838709677419355 + 0.419355 + 1 = 171.258064677419355; cost 13
    expect(acme!.plans).toEqual([
      { planId: "markup", from: "2026-03-01", to: "2026-03-15" },
      { planId: "sub", from: "2026-03-16", to: "2026-03-31" },
    ]);
    expect(acme).toMatchObject({
      revenue: usd("171.258064677419355"),
      cost: usd("13"),
      margin: usd("158.258064677419355"),
    });
    expect(acme!.allowances).toMatchObject([{ allowance: 516_129n, crossedOn: "2026-03-20" }]);
  });

  it("includes a customer known only from imported revenue", () => {
    const report = computeMargins({
      period: MARCH,
      plans: [markupPlan],
      assignments: [{ customer: null, planId: "markup", effectiveFrom: "2026-01-01" }],
      importedRevenue: [{ customer: "ghost", month: "2026-03", revenue: usd("50") }],
      customers: [],
    });
    expect(report.customers).toMatchObject([
      { customer: "ghost", cost: 0n, revenue: usd("50"), marginPct: 100, revenueSource: "imported" },
    ]);
    expect(report.customers[0]!.features.map((f) => f.feature)).toEqual([UNALLOCATED_FEATURE]);
  });

  it("rejects unknown plans instead of pricing at zero", () => {
    const base = { period: MARCH, plans: [markupPlan], customers: [] };
    expect(() =>
      computeMargins({ ...base, assignments: [{ customer: null, planId: "gone", effectiveFrom: "2026-01-01" }] }),
    ).toThrow(/unknown plan "gone"/);
    expect(() => computeMargins({ ...base, assignments: [], comparePlanIds: ["nope"] })).toThrow(
      /comparePlanIds: unknown plan "nope"/,
    );
  });
});

describe("computeMargins on fully loaded cost", () => {
  const loaded = computeMargins({
    ...input,
    loaded: {
      extra: new Map([
        ["acme\u0000support", usd("12")],
        ["gamma\u0000chat", usd("3")],
      ]),
      overhead: [{ name: "GPU pool eu-1: idle", amount: usd("7") }],
    },
  });
  const of = (name: string) => loaded.customers.find((c) => c.customer === name)!;

  it("puts margin on fully loaded cost by default and keeps usage cost and margin beside it", () => {
    // acme: usage 40, loaded 40 + 12 = 52; revenue 60; margin 8 (13.33%), usage margin 20 (33.33%)
    expect(of("acme")).toMatchObject({
      cost: usd("40"),
      loadedCost: usd("52"),
      revenue: usd("60"),
      margin: usd("8"),
      marginPct: 13.33,
      usageMargin: usd("20"),
      usageMarginPct: 33.33,
    });
    expect(of("acme").features.find((f) => f.feature === "support")).toMatchObject({
      cost: usd("30"),
      loadedCost: usd("42"),
    });
    // the comparison is on the same fully loaded cost: acme under per-outcome earns 20 × 0.99 = 19.80
    expect(of("acme").alternatives[0]).toMatchObject({
      revenue: usd("19.8"),
      margin: usd("-32.2"),
      delta: usd("-40.2"),
    });
  });

  it("counts the unallocated overhead in the totals only, as a named line", () => {
    const plain = computeMargins(input);
    expect(loaded.overhead).toEqual([{ name: "GPU pool eu-1: idle", amount: usd("7") }]);
    expect(loaded.totals.cost).toBe(plain.totals.cost);
    expect(loaded.totals.loadedCost).toBe(plain.totals.cost + usd("22"));
    expect(loaded.totals.margin).toBe(plain.totals.margin - usd("22"));
  });
});
