import { describe, expect, it } from "vitest";
import { distributionBars, formatMarginPct, toneOfAmount } from "@/lib/margins/chart";
import { describePlan, emptyPlanForm, planFormOf, planInputOf, slugify } from "@/lib/margins/plan-form";
import { parsePlan } from "@/lib/margins/plans";
import { camelKeys, type PlanDefinitionWire } from "@/lib/margins/wire";

describe("plan editor form", () => {
  it("builds a valid outcome-based plan with an id derived from the name", () => {
    const form = { ...emptyPlanForm("outcome", ["ticket_resolved"]), name: "Per resolution (EU)" };
    form.outcomePrices[0]!.price = "0.99";
    const input = planInputOf(form);
    expect(input).toEqual({
      id: "per-resolution-eu",
      name: "Per resolution (EU)",
      type: "outcome",
      outcome_prices: [{ outcome_type: "ticket_resolved", price: "0.99" }],
    });
    expect(parsePlan(camelKeys(input)).ok).toBe(true);
  });

  it("sends a non-numeric allowance as text so the server names the field", () => {
    const form = {
      ...emptyPlanForm("subscription"),
      name: "Team",
      monthlyFee: "300",
      allowanceAmount: "lots",
      chargeUsage: false,
    };
    const parsed = parsePlan(camelKeys(planInputOf(form)));
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toContain("allowance.amount");
  });

  it("round-trips every plan type through the form", () => {
    const plans: PlanDefinitionWire[] = [
      {
        id: "u",
        name: "U",
        type: "usage",
        pricing: {
          basis: "tokens",
          rates: [{ model: "big", token_class: "output", price_per_million: "15" }, { price_per_million: "1" }],
        },
      },
      {
        id: "s",
        name: "S",
        type: "subscription",
        monthly_fee: "300",
        allowance: { unit: "tokens", amount: 1000000 },
        overage: { basis: "markup", markup_percent: "20" },
      },
      {
        id: "h",
        name: "H",
        type: "hybrid",
        monthly_fee: "99",
        outcome_prices: [{ outcome_type: "lead", price: "2" }],
        usage: { basis: "requests", price_per_request: "0.01" },
      },
    ];
    for (const plan of plans) expect(planInputOf(planFormOf(plan))).toEqual(plan);
    expect(describePlan(plans[1]!)).toBe("$300/month incl. 1000000 tokens, then cost + 20%");
  });

  it("slugifies names", () => {
    expect(slugify("  Cost + 30% (Pro) ")).toBe("cost-30-pro");
  });
});

describe("margin chart preparers", () => {
  const bucket = (key: string, toPercent: number | null, count: number) => ({
    key,
    label: key,
    from_percent: toPercent === null ? null : toPercent - 25,
    to_percent: toPercent,
    count,
    customers: Array.from({ length: count }, (_, i) => `c${i}`),
    revenue: "10.00",
    margin: "-1.00",
  });

  it("colours buckets below zero as losses and hides an empty no-revenue bucket", () => {
    const bars = distributionBars(
      [bucket("-25..0", 0, 2), bucket("0..25", 25, 1), bucket("no-revenue", null, 0)],
      (usd) => `$${usd}`,
    );
    expect(bars.map((b) => [b.key, b.tone])).toEqual([
      ["-25..0", "bad"],
      ["0..25", "good"],
    ]);
    expect(bars[0]!.tick).toBe("−25…0");
    expect(bars[0]!.detail).toBe("2 customers: c0, c1. Revenue $10.00, margin $-1.00.");
  });

  it("formats margin percent and the tone of amounts", () => {
    expect(formatMarginPct(null)).toBe("—");
    expect(formatMarginPct(23.08)).toBe("23.08%");
    expect(toneOfAmount("-0.01")).toBe("bad");
    expect(toneOfAmount("0.00")).toBe("neutral");
  });
});

describe("API money strings", () => {
  it("keep the sign of amounts between -1 and 0 and trim zeros past the cents", async () => {
    const { trimToCents, usdJson } = await import("@/lib/money");
    expect(usdJson(-2_180_000_000_000n)).toBe("-0.00218");
    expect(usdJson(-640_000_000_000_000n)).toBe("-0.64");
    expect(usdJson(0n)).toBe("0.00");
    expect(usdJson(12_500_000_000_000_000n)).toBe("12.50");
    expect(usdJson(125n)).toBe("0.000000000000125");
    expect(trimToCents("-0.500000000000000")).toBe("-0.50");
    expect(trimToCents("-0.000000000000000")).toBe("0.00");
    expect(trimToCents("7")).toBe("7.00");
  });

  it("usdJson is trimToCents(femtoToUsd(x)) for every size and sign", async () => {
    const { femtoToUsd, trimToCents, usdJson } = await import("@/lib/money");
    const amounts = [1n, 9n, 10n ** 14n, 10n ** 15n - 1n, 10n ** 15n, 10n ** 15n + 1n, 123_456_789_012_345_678_901n];
    for (let step = 1n; step < 10n ** 22n; step = step * 7n + 3n) amounts.push(step, step * 10n ** 13n);
    for (const amount of [0n, ...amounts, ...amounts.map((a) => -a)])
      expect(usdJson(amount), String(amount)).toBe(trimToCents(femtoToUsd(amount)));
  });
});
