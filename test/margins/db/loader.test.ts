import { beforeAll, describe, expect, it } from "vitest";
import { computeMargins } from "@/lib/margins/engine";
import {
  createPlan,
  importRevenueCsv,
  loadPeriod,
  marginsReport,
  replaceAssignments,
  runScenario,
} from "@/lib/margins/db";
import { usdToFemto as usd } from "@/lib/money";
import { useTestDatabase as testDatabase } from "../../support/database";
import { addCustomer, createMarginTenant, insertOutcomes, insertUsage, type MarginTenant } from "./support";

/**
 * March 2026 from hand-made daily rollups. Default plan: cost + 50%; beta pays per resolved
 * ticket; dora is a $300/month subscriber with no usage at all; gamma's billing was imported.
 * Another tenant's rows sit in the same tables and must never show up.
 */
const db = testDatabase();
const MARCH = { from: "2026-03-01", to: "2026-03-31" };
let t: MarginTenant;

beforeAll(async () => {
  t = await createMarginTenant(db);
  const other = await createMarginTenant(db);
  await insertUsage(db, t.projectId, [
    {
      day: "2026-03-02",
      customer: "acme",
      feature: "chat",
      model: "claude-sonnet-4-5",
      events: 4,
      input: 1_000_000,
      output: 100_000,
      cost: "10.000000000000002",
    },
    // The same model from two providers on one day is one row for the engine: costs add up.
    {
      day: "2026-03-03",
      customer: "acme",
      feature: "support",
      model: "claude-sonnet-4-5",
      provider: "anthropic",
      events: 3,
      unpriced: 1,
      cost: "20",
    },
    {
      day: "2026-03-03",
      customer: "acme",
      feature: "support",
      model: "claude-sonnet-4-5",
      provider: "bedrock",
      events: 3,
      cost: "10",
    },
    { day: "2026-03-05", customer: "beta", feature: "support", model: "claude-sonnet-4-5", cost: "5" },
    { day: "2026-03-10", customer: "gamma", feature: "chat", model: "claude-sonnet-4-5", cost: "40" },
    // Outside the period: ignored.
    { day: "2026-04-01", customer: "acme", feature: "chat", model: "claude-sonnet-4-5", cost: "999" },
  ]);
  await insertOutcomes(db, t.projectId, [
    { day: "2026-03-03", customer: "acme", feature: "support", type: "ticket_resolved", quantity: "20" },
    { day: "2026-03-05", customer: "beta", feature: "support", type: "ticket_resolved", quantity: "9.6" },
  ]);
  await addCustomer(db, t.projectId, "dora");
  await insertUsage(db, other.projectId, [
    { day: "2026-03-02", customer: "intruder", feature: "chat", model: "claude-sonnet-4-5", cost: "1000" },
  ]);

  await createPlan(db, t.projectId, t.users.finance, {
    id: "markup",
    name: "Cost plus 50%",
    type: "usage",
    pricing: { basis: "markup", markupPercent: "50" },
  });
  await createPlan(db, t.projectId, t.users.finance, {
    id: "outcomes",
    name: "Per resolution",
    type: "outcome",
    outcomePrices: [{ outcomeType: "ticket_resolved", price: "0.99" }],
  });
  await createPlan(db, t.projectId, t.users.finance, {
    id: "team",
    name: "Team",
    type: "subscription",
    monthlyFee: "300",
    allowance: { unit: "requests", amount: 1000 },
  });
  await replaceAssignments(db, t.projectId, t.users.finance, [
    { customer: null, planId: "markup", effectiveFrom: "2026-01-01" },
    { customer: "beta", planId: "outcomes", effectiveFrom: "2026-03-01" },
    { customer: "dora", planId: "team", effectiveFrom: "2026-03-01" },
  ]);
  const imported = await importRevenueCsv(
    db,
    t.projectId,
    t.users.finance,
    "customer,month,revenue_usd\ngamma,2026-03,25\n",
  );
  expect(imported.ok).toBe(true);
});

describe("loadPeriod builds the engine input from the rollups", () => {
  it("reads usage per customer, day, feature and model of this project and period only", async () => {
    const { input, providers } = await loadPeriod(db, t.projectId, MARCH, { usage: "days" });
    expect(input.customers.map((c) => c.customer)).toEqual(["acme", "beta", "dora", "gamma"]);
    const acme = input.customers.find((c) => c.customer === "acme")!;
    expect(acme.usage).toEqual([
      {
        day: "2026-03-02",
        feature: "chat",
        model: "claude-sonnet-4-5",
        requests: 4,
        unpricedRequests: 0,
        tokens: { input: 1_000_000, output: 100_000 },
        cost: usd("10.000000000000002"),
      },
      {
        day: "2026-03-03",
        feature: "support",
        model: "claude-sonnet-4-5",
        requests: 6,
        unpricedRequests: 1,
        tokens: {},
        cost: usd("30"),
      },
    ]);
    // 9.6 tickets in a day's rollup are charged as 10 whole outcomes.
    expect(input.customers.find((c) => c.customer === "beta")!.outcomes).toEqual([
      { day: "2026-03-05", feature: "support", outcomeType: "ticket_resolved", count: 10, value: 0n },
    ]);
    expect(input.importedRevenue).toEqual([{ customer: "gamma", month: "2026-03", revenue: usd("25") }]);
    expect(providers.get("claude-sonnet-4-5")).toBe("anthropic");
  });

  it("reads the month read model per customer and feature, and the engine gives the daily rows' answer", async () => {
    const { input, providers } = await loadPeriod(db, t.projectId, MARCH);
    // No plan here counts tokens (markup, an allowance in requests): the read model leaves them
    // out, and the models with them (only a token rate depends on one), summing rows per feature.
    expect(input.customers.find((c) => c.customer === "acme")!.usage).toEqual([
      {
        day: "2026-03-01",
        feature: "chat",
        model: "",
        requests: 4,
        unpricedRequests: 0,
        tokens: {},
        cost: usd("10.000000000000002"),
      },
      {
        day: "2026-03-01",
        feature: "support",
        model: "",
        requests: 6,
        unpricedRequests: 1,
        tokens: {},
        cost: usd("30"),
      },
    ]);
    // dora's subscription uses its allowance day by day: her rows (none here) stay daily.
    // Without models there are no providers to name (re-pricing reads daily rows, which have them).
    expect(providers.size).toBe(0);
    for (const period of [MARCH, { from: "2026-03-03", to: "2026-04-01" }, { from: "2026-02-20", to: "2026-03-04" }]) {
      const days = computeMargins((await loadPeriod(db, t.projectId, period, { usage: "days" })).input);
      expect(computeMargins((await loadPeriod(db, t.projectId, period)).input)).toEqual(days);
    }
  });

  it("gives the hand-computed margins", async () => {
    const report = computeMargins((await loadPeriod(db, t.projectId, MARCH)).input);
    const of = (name: string) => report.customers.find((c) => c.customer === name)!;
    // acme: cost 10.000000000000002 + 30; revenue × 1.5 = 60.000000000000003, margin 20.000000000000001
    expect(of("acme")).toMatchObject({
      cost: usd("40.000000000000002"),
      revenue: usd("60.000000000000003"),
      margin: usd("20.000000000000001"),
      unpricedRequests: 1,
    });
    // beta: 10 × 0.99 = 9.90 − 5 = 4.90
    expect(of("beta")).toMatchObject({ cost: usd("5"), revenue: usd("9.9"), margin: usd("4.9"), marginPct: 49.49 });
    // dora: no usage, $300 fee for the whole month
    expect(of("dora")).toMatchObject({ cost: 0n, revenue: usd("300"), margin: usd("300"), marginPct: 100 });
    // gamma: billing says $25 for a $40 cost
    expect(of("gamma")).toMatchObject({ revenue: usd("25"), margin: usd("-15"), revenueSource: "imported" });
    expect(report.totals).toMatchObject({ cost: usd("85.000000000000002"), revenue: usd("394.900000000000003") });
    expect(report.lossMaking.map((c) => c.customer)).toEqual(["gamma"]);
    // support: cost 30 + 5 = 35 over 30 tickets; per customer 30/20 = 1.5 and 5/10 = 0.5
    expect(report.outcomes).toEqual([
      expect.objectContaining({
        feature: "support",
        outcomeType: "ticket_resolved",
        outcomes: 30,
        cost: usd("35"),
        breakEvenPrice: usd("1.166666666666667"),
        p10: usd("0.6"),
        p50: usd("1"),
        p90: usd("1.4"),
      }),
    ]);
  });

  it("reports exact dollar strings and a plan comparison through the read model", async () => {
    const json = await marginsReport(db, t.projectId, MARCH, { comparePlanId: "outcomes" });
    expect(json.totals).toMatchObject({
      cost: "85.000000000000002",
      revenue: "394.900000000000003",
      margin: "309.900000000000001",
    });
    const comparison = json.comparisons[0]!;
    // Per resolution for everyone: acme 20 × 0.99 = 19.80, beta 9.90, dora 0, gamma 0.
    expect(comparison.totals.revenue).toBe("29.70");
    expect(comparison.losers.map((l) => l.customer)).toEqual(["dora", "acme", "gamma"]);
    expect(json.customers.find((c) => c.customer === "dora")!.allowances[0]).toMatchObject({
      unit: "requests",
      allowance: "1000",
      used: "0",
    });
  });

  it("re-prices a feature moved to a cheaper model per token from the price book", async () => {
    const result = await runScenario(db, t.projectId, MARCH, {
      name: "chat on haiku",
      changes: [
        { kind: "move_feature_model", feature: "chat", fromModel: "claude-sonnet-4-5", toModel: "claude-haiku-4-5" },
      ],
    });
    // acme chat: 1M input × $1/M + 100k output × $5/M = $1.50 instead of $10.000000000000002 (revenue follows: cost + 50%).
    const acme = result.customers.find((c) => c.customer === "acme")!;
    expect(acme.delta.cost).toBe("-8.500000000000002");
    // gamma's chat row has no token counts: re-priced to $0 tokens, nothing unpriced.
    expect(result.unpriced).toEqual([]);
  });
});
