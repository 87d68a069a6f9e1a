import { describe, expect, it } from "vitest";
import {
  averageBreakdown,
  breakdownOf,
  rankContributors,
  sameWeekdayBefore,
  type BreakdownEntry,
} from "@/lib/anomalies/root-cause";
import type { DailyAggregateRow } from "@/lib/anomalies/metrics";
import { usdToFemto } from "@/lib/money";

const usd = usdToFemto;
const row = (
  day: string,
  feature: string,
  customer: string,
  model: string | null,
  cost: string,
  outcomes = 0,
): DailyAggregateRow => ({
  day,
  feature,
  customer,
  model,
  events: 1,
  tokens: { input: 10 },
  costFemto: usd(cost),
  outcomes,
});

describe("rankContributors", () => {
  const expected = breakdownOf([
    row("2026-11-10", "support-bot", "acme", "claude-sonnet", "100"),
    row("2026-11-10", "support-bot", "globex", "claude-sonnet", "50"),
    row("2026-11-10", "summarize", "acme", "gpt-4o-mini", "50"),
  ]);
  const actual = breakdownOf([
    row("2026-11-17", "support-bot", "acme", "claude-sonnet", "380"),
    row("2026-11-17", "support-bot", "globex", "claude-sonnet", "40"),
    row("2026-11-17", "summarize", "acme", "gpt-4o-mini", "60"),
    row("2026-11-17", "summarize", "initech", "gpt-4o", "20"),
  ]);

  it("ranks who drove a rise by dollar contribution, with exact deltas and shares of the change", () => {
    const result = rankContributors({ actual, expected, topN: 3 });
    expect(result.direction).toBe("up");
    expect(result.totalDelta).toEqual({ feature: usd("300"), customer: usd("300"), model: usd("300") });
    expect(result.byDimension.customer.map((c) => [c.value, c.delta, c.share])).toEqual([
      ["acme", usd("290"), 0.966667],
      ["initech", usd("20"), 0.066667],
    ]);
    expect(result.byDimension.customer[1]!.isNew).toBe(true);
    expect(result.top.map((c) => `${c.dimension}:${c.value}`)).toEqual([
      "customer:acme",
      "feature:support-bot",
      "model:claude-sonnet",
    ]);
  });

  it("ranks the biggest fallers first for a drop and leaves risers out", () => {
    const result = rankContributors({ actual: expected, expected: actual, topN: 2 });
    expect(result.direction).toBe("down");
    expect(result.byDimension.customer.map((c) => c.value)).toEqual(["acme", "initech"]);
    expect(result.byDimension.customer.find((c) => c.value === "globex")).toBeUndefined();
    expect(result.byDimension.model.find((c) => c.value === "gpt-4o")!.vanished).toBe(true);
  });

  it("names no contributor, and no negative share, when cost moved against the anomaly (cost per outcome fell as outcomes grew)", () => {
    const result = rankContributors({ actual, expected, topN: 3, direction: "down" });
    expect(result.top).toEqual([]);
    expect(Object.values(result.byDimension).flat()).toEqual([]);
    expect(result.totalDelta.customer).toBe(usd("300"));
  });

  it("averages baseline days exactly with half-even rounding", () => {
    const day = (amount: bigint): BreakdownEntry[] => [{ dimension: "feature", value: "x", amount }];
    expect(averageBreakdown([day(1n), day(2n)])).toEqual([{ dimension: "feature", value: "x", amount: 2n }]);
    expect(averageBreakdown([day(1n), day(2n), day(4n)])[0]!.amount).toBe(2n);
    expect(averageBreakdown([])).toEqual([]);
  });

  it("takes the same weekday of previous weeks as the baseline days", () => {
    expect(sameWeekdayBefore("2026-11-17", 3)).toEqual(["2026-11-10", "2026-11-03", "2026-10-27"]);
  });

  it("leaves outcome-only rows out of cost breakdowns", () => {
    expect(breakdownOf([{ ...row("2026-11-17", "f", "c", null, "0", 3) }])).toEqual([]);
  });
});
