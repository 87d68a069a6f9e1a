import { describe, expect, it } from "vitest";
import { judgeableOnPartialDay } from "@/lib/anomalies/partial-day";
import { slotOf } from "@/lib/anomalies/db/today";
import type { Anomaly } from "@/lib/anomalies/types";

const TODAY = "2026-12-06";
const anomaly = (overrides: Partial<Anomaly>): Anomaly => ({
  key: { metric: "cost", scope: { dimension: "customer", value: "acme" } },
  day: TODAY,
  kind: "spike",
  direction: "up",
  expected: 30,
  actual: 300,
  band: { low: 20, high: 40 },
  score: 50,
  dollarImpact: 270n * 10n ** 15n,
  severity: "critical",
  provisional: false,
  ...overrides,
});

describe("what a partial day can fairly show", () => {
  it("keeps today's cost already above the whole day's band: the rest of the day can only add to it", () => {
    expect(judgeableOnPartialDay(anomaly({}), TODAY)).toBe(true);
    expect(judgeableOnPartialDay(anomaly({ kind: "level_shift" }), TODAY)).toBe(true);
  });

  it.each([
    ["a drop (the day is not over)", { direction: "down", kind: "drop", actual: 4 }],
    ["a ratio metric (it can still move either way)", { key: { metric: "tokens_per_request" } }],
    ["cost per outcome (outcomes may come later)", { key: { metric: "cost_per_outcome" } }],
    ["a cache hit rate", { key: { metric: "cache_hit_rate" } }],
    ["a drift (a trend needs whole days)", { kind: "drift" }],
    ["another day (the daily run judges those)", { day: "2026-12-05" }],
  ] as const)("leaves out %s", (_, overrides) => {
    expect(judgeableOnPartialDay(anomaly(overrides as Partial<Anomaly>), TODAY)).toBe(false);
  });
});

describe("the intraday claim's slot", () => {
  it("is the start of the interval holding the instant", () => {
    expect(slotOf(new Date("2026-12-06T10:04:59.999Z"), 5).toISOString()).toBe("2026-12-06T10:00:00.000Z");
    expect(slotOf(new Date("2026-12-06T10:05:00Z"), 5).toISOString()).toBe("2026-12-06T10:05:00.000Z");
    expect(slotOf(new Date("2026-12-06T10:59:00Z"), 60).toISOString()).toBe("2026-12-06T10:00:00.000Z");
  });
});
