import { describe, expect, it } from "vitest";
import { allocate, marginPercent, percentile, shareOf } from "@/lib/margins/amounts";
import { dayCount } from "@/lib/calendar/days";
import { addMonths, daysInMonth, isDay, monthsOf } from "@/lib/calendar/months";

describe("allocate", () => {
  it("splits exactly, with no negative share", () => {
    // 100 by 1:1:1 -> cumulative round(33.3) = 33, round(66.7) = 67, 100 -> 33, 34, 33
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([33n, 34n, 33n]);
    expect(allocate(1n, [1n, 1000n, 1n])).toEqual([0n, 1n, 0n]);
    expect(allocate(5n, [0n, 0n])).toBeNull();
  });
});

describe("percentile", () => {
  it("interpolates between closest ranks", () => {
    const values = [40n, 10n, 30n, 20n]; // sorted 10 20 30 40
    expect(percentile(values, 50)).toBe(25n); // rank 1.5 -> 20 + 0.5 × 10
    expect(percentile(values, 10)).toBe(13n); // rank 0.3 -> 10 + 0.3 × 10
    expect(percentile(values, 90)).toBe(37n); // rank 2.7 -> 30 + 0.7 × 10
    expect(percentile([7n], 90)).toBe(7n);
    expect(percentile([], 50)).toBeNull();
  });
});

describe("display ratios", () => {
  it("rounds percentages half-even at the very end and has none without revenue", () => {
    expect(marginPercent(1n, 3n)).toBe(33.33);
    expect(marginPercent(-1n, 8n)).toBe(-12.5);
    expect(marginPercent(5n, 0n)).toBeNull();
    expect(shareOf(1n, 3n)).toBe(0.333333);
  });
});

describe("calendar", () => {
  it("knows month lengths and real dates", () => {
    expect([daysInMonth("2024-02"), daysInMonth("2026-02"), daysInMonth("2026-04")]).toEqual([29, 28, 30]);
    expect([isDay("2026-02-29"), isDay("2024-02-29"), isDay("2026-1-01")]).toEqual([false, true, false]);
    expect(dayCount("2026-03-16", "2026-03-31")).toBe(16);
    expect(monthsOf({ from: "2025-12-15", to: "2026-02-01" })).toEqual(["2025-12", "2026-01", "2026-02"]);
  });

  it("adds months across year ends, both ways", () => {
    expect([
      addMonths("2026-12", 1),
      addMonths("2026-01", -1),
      addMonths("2026-11", 14),
      addMonths("2026-03", 0),
    ]).toEqual(["2027-01", "2025-12", "2028-01", "2026-03"]);
  });
});
