import { describe, expect, it } from "vitest";
import { DomainError, invalidFields } from "@/lib/errors";
import { camelKeys, snakeKeys, snakePath, withWireErrors, wireBody } from "@/lib/margins/wire";
import { z } from "zod";

describe("margins wire casing", () => {
  it("renames every key to snake_case and leaves values as written", () => {
    expect(
      snakeKeys({ marginPct: 1.5, revenueLines: [{ planId: "cost-plus", note: "usageMargin stays" }], p10: null }),
    ).toEqual({ margin_pct: 1.5, revenue_lines: [{ plan_id: "cost-plus", note: "usageMargin stays" }], p10: null });
  });

  it("turns a snake_case body into the domain's camelCase, values untouched", () => {
    expect(
      camelKeys({ outcome_prices: [{ outcome_type: "ticket_resolved", price: "0.99" }], customers: ["bigCo"] }),
    ).toEqual({ outcomePrices: [{ outcomeType: "ticket_resolved", price: "0.99" }], customers: ["bigCo"] });
  });

  it("refuses every key that is not snake_case, naming its path", () => {
    const refuse = (body: unknown) => {
      try {
        camelKeys(body, "scenario");
      } catch (error) {
        return (error as DomainError).issues.map((issue) => issue.path);
      }
      return [];
    };
    expect(refuse({ changes: [{ planId: "a", Kind: "b", ok_key: 1 }] })).toEqual([
      "scenario.changes[0].planId",
      "scenario.changes[0].Kind",
    ]);
    expect(refuse(JSON.parse('{"__proto__": {"polluted": true}}'))).toEqual(["scenario.__proto__"]);
  });

  it("rewrites domain field errors into wire names, keeping quoted values", async () => {
    const failing = withWireErrors(async () => {
      throw invalidFields([{ path: "changes[1].planId", message: 'duplicates [0].outcomeType "bigCo"' }]);
    });
    await expect(failing).rejects.toThrow('changes[1].plan_id: duplicates [0].outcome_type "bigCo"');
    expect(snakePath("pricing.rates[0].pricePerMillion")).toBe("pricing.rates[0].price_per_million");
  });

  it("names an unknown body field and the snake_case spelling it probably meant", () => {
    const result = wireBody({ scenario_id: z.string() }).safeParse({ scenario_id: "a", scenarioId: "a" });
    expect(result.success ? "" : result.error.issues[0]!.message).toBe(
      'unknown field "scenarioId"; fields are snake_case, like scenario_id',
    );
  });
});
