import { describe, expect, it } from "vitest";
import { parsePlan, parsePlans, tokenRateFor, type ParseResult, type Plan } from "@/lib/margins/plans";
import { usd } from "./fixtures";

const errorsOf = (result: ParseResult<unknown>) => (result.ok ? [] : result.errors);
const valid = (input: unknown): Plan => {
  const parsed = parsePlan(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
};

describe("parsePlan", () => {
  it("parses every plan type with money as femtodollars", () => {
    expect(
      valid({ id: "u", name: "U", type: "usage", pricing: { basis: "markup", markupPercent: "12.5" } }),
    ).toMatchObject({ pricing: { markupPercent: 12_500_000n } });
    expect(
      valid({ id: "r", name: "R", type: "usage", pricing: { basis: "requests", pricePerRequest: "0.002" } }),
    ).toMatchObject({ pricing: { pricePerRequest: usd("0.002") } });
    expect(
      valid({ id: "o", name: "O", type: "outcome", outcomePrices: [{ outcomeType: "lead_qualified", price: "4.50" }] }),
    ).toMatchObject({
      outcomePrices: [{ outcomeType: "lead_qualified", price: usd("4.5") }],
    });
    expect(
      valid({
        id: "s",
        name: "S",
        type: "subscription",
        monthlyFee: "99",
        allowance: { unit: "cost", amount: "40.000000000000001" },
      }),
    ).toMatchObject({
      monthlyFee: usd("99"),
      allowance: { unit: "cost", amount: usd("40") + 1n },
    });
    expect(valid({ id: "h", name: "H", type: "hybrid", monthlyFee: "10", outcomePrices: [] })).toMatchObject({
      type: "hybrid",
      monthlyFee: usd("10"),
    });
  });

  it("names the field of every problem", () => {
    const result = parsePlan({
      id: "",
      name: "x",
      type: "usage",
      pricing: {
        basis: "tokens",
        rates: [
          { model: "m", pricePerMillion: "1.5" },
          { model: "m", pricePerMillion: 2 },
          { tokenClass: "video", pricePerMillion: "-1" },
        ],
      },
    });
    expect(errorsOf(result)).toEqual([
      { path: "id", message: "id must not be empty" },
      { path: "pricing.rates[1].pricePerMillion", message: 'pricePerMillion must be a string of dollars, like "0.25"' },
      {
        path: "pricing.rates[2].tokenClass",
        message: expect.stringMatching(/^tokenClass must be one of input, cache_read/),
      },
      {
        path: "pricing.rates[2].pricePerMillion",
        message: expect.stringMatching(/^pricePerMillion must be a non-negative decimal amount/),
      },
    ]);
  });

  it("rejects duplicates, unknown types, unknown keys and impossible values", () => {
    expect(errorsOf(parsePlan({ id: "a", name: "a", type: "flat" }))).toEqual([
      { path: "type", message: 'type must be "usage", "outcome", "subscription" or "hybrid"' },
    ]);
    expect(
      errorsOf(parsePlan({ id: "a", name: "a", type: "usage", pricing: { basis: "markup", markupPercent: "-150" } })),
    ).toEqual([{ path: "pricing.markupPercent", message: "markupPercent must be at least -100" }]);
    expect(
      errorsOf(
        parsePlan({
          id: "a",
          name: "a",
          type: "usage",
          pricing: { basis: "tokens", rates: [{ pricePerMillion: "1" }, { pricePerMillion: "2" }] },
        }),
      ),
    ).toEqual([{ path: "pricing.rates[1]", message: "duplicates rates[0] (same model and tokenClass)" }]);
    expect(
      errorsOf(
        parsePlan({
          id: "a",
          name: "a",
          type: "outcome",
          outcomePrices: [
            { outcomeType: "x", price: "1" },
            { outcomeType: "x", price: "2" },
          ],
        }),
      ),
    ).toEqual([{ path: "outcomePrices[1].outcomeType", message: 'duplicates [0].outcomeType "x"' }]);
    expect(
      errorsOf(
        parsePlan({
          id: "a",
          name: "a",
          type: "subscription",
          monthlyFee: "1",
          allowance: { unit: "tokens", amount: 1.5 },
          extra: true,
        }),
      ),
    ).toEqual([
      { path: "allowance.amount", message: "amount must be a whole number" },
      { path: "", message: expect.stringMatching(/extra/) },
    ]);
    expect(errorsOf(parsePlan({ id: "a", name: "a", type: "outcome", outcomePrices: [] }))).toEqual([
      { path: "outcomePrices", message: "outcomePrices must list at least one outcome type" },
    ]);
    expect(
      errorsOf(
        parsePlan({
          id: "a",
          name: "a",
          type: "usage",
          pricing: { basis: "requests", pricePerRequest: "0.0000000000000001" },
        }),
      ),
    ).toEqual([{ path: "pricing.pricePerRequest", message: expect.stringMatching(/at most 15 decimal places/) }]);
  });

  it("checks plan ids are unique across a list", () => {
    const plan = { id: "p", name: "p", type: "usage", pricing: { basis: "markup", markupPercent: "0" } };
    expect(errorsOf(parsePlans([plan, { ...plan, name: "again" }, { ...plan, id: "q", type: "?" }]))).toEqual([
      { path: "[1].id", message: 'duplicates [0].id "p"' },
      { path: "[2].type", message: 'type must be "usage", "outcome", "subscription" or "hybrid"' },
    ]);
  });
});

describe("tokenRateFor", () => {
  const rates = [
    { pricePerMillion: 1n },
    { tokenClass: "output" as const, pricePerMillion: 2n },
    { model: "big", pricePerMillion: 3n },
    { model: "big", tokenClass: "output" as const, pricePerMillion: 4n },
  ];
  it("picks the most specific rate", () => {
    expect(tokenRateFor(rates, "big", "output")).toBe(4n);
    expect(tokenRateFor(rates, "big", "input")).toBe(3n);
    expect(tokenRateFor(rates, "small", "output")).toBe(2n);
    expect(tokenRateFor(rates, "small", "input")).toBe(1n);
    expect(tokenRateFor(rates.slice(1), "small", "input")).toBeNull();
  });
});
