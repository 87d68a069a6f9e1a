import { describe, expect, it } from "vitest";
import {
  changeTone,
  compareMoney,
  formatChange,
  formatCompact,
  formatCount,
  formatDate,
  formatDateTime,
  formatDateTimeWithYear,
  formatDay,
  formatGpuTime,
  formatLatency,
  formatMoney,
  formatMoneyCompact,
  formatPercent,
  formatTimezone,
  formatTokens,
  formatUnitMoney,
  percentChange,
  ratioOf,
  sumMoney,
} from "@/lib/format";

describe("formatMoney", () => {
  it("shows cents with thousands separators from one cent up", () => {
    expect(formatMoney("12345.678")).toBe("$12,345.68");
    expect(formatMoney("0.42")).toBe("$0.42");
    expect(formatMoney("0.01")).toBe("$0.01");
    expect(formatMoney("-1234.5")).toBe("-$1,234.50");
  });

  it("keeps three significant digits below a cent instead of showing $0.00", () => {
    expect(formatMoney("0.0042")).toBe("$0.0042");
    expect(formatMoney("0.004213")).toBe("$0.00421");
    expect(formatMoney("0.000012500000000")).toBe("$0.0000125");
    expect(formatMoney("0.009999")).toBe("$0.01");
  });

  it("prints zero as $0.00 and dust as below the smallest shown amount", () => {
    expect(formatMoney("0.000000000000000")).toBe("$0.00");
    expect(formatMoney("0.000000000125")).toBe("<$0.00000001");
  });

  it("formats sums beyond float precision exactly", () => {
    expect(formatMoney("90071992547409.935")).toBe("$90,071,992,547,409.94");
    expect(formatMoney(123_450_000_000_000_000n)).toBe("$123.45");
  });

  it("rounds half to even once", () => {
    expect(formatMoney("2.345")).toBe("$2.34");
    expect(formatMoney("2.355")).toBe("$2.36");
  });
});

describe("formatUnitMoney", () => {
  it("keeps three significant digits below a dollar so unit costs compare", () => {
    expect(formatUnitMoney("0.0191")).toBe("$0.0191");
    expect(formatUnitMoney("0.125")).toBe("$0.125");
    expect(formatUnitMoney("0.12")).toBe("$0.12");
    expect(formatUnitMoney("0.002424")).toBe("$0.00242");
    expect(formatUnitMoney("1.23456")).toBe("$1.23");
    expect(formatUnitMoney("0")).toBe("$0.00");
    expect(formatUnitMoney("0.0000000001")).toBe("<$0.00000001");
  });
});

describe("formatMoneyCompact", () => {
  it("compacts thousands and millions for axes", () => {
    expect(formatMoneyCompact("1234")).toBe("$1.23k");
    expect(formatMoneyCompact("12345")).toBe("$12.3k");
    expect(formatMoneyCompact("3450000")).toBe("$3.45M");
    expect(formatMoneyCompact("2000")).toBe("$2k");
    expect(formatMoneyCompact("950")).toBe("$950");
    expect(formatMoneyCompact("12.5")).toBe("$12.50");
    expect(formatMoneyCompact("0")).toBe("$0.00");
  });

  it("carries into the next unit instead of printing 1000k", () => {
    expect(formatMoneyCompact("999960")).toBe("$1M");
  });
});

describe("exact money helpers", () => {
  it("sums decimal strings without float drift", () => {
    expect(sumMoney(["0.1", "0.2"])).toBe("0.300000000000000");
    expect(sumMoney(Array(10).fill("0.000000125"))).toBe("0.000001250000000");
  });

  it("compares exactly", () => {
    expect(compareMoney("0.000000000000002", "0.000000000000001")).toBe(1);
    expect(compareMoney("1.0", "1")).toBe(0);
    expect([..."3 10 2".split(" ")].sort(compareMoney)).toEqual(["2", "3", "10"]);
  });
});

describe("counts and tokens", () => {
  it("groups thousands, even past 2^53", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount("9007199254740993")).toBe("9,007,199,254,740,993");
  });

  it("compacts with one decimal below ten of a unit and carries", () => {
    expect(formatCompact(950)).toBe("950");
    expect(formatCompact(1200)).toBe("1.2K");
    expect(formatCompact(1000)).toBe("1K");
    expect(formatCompact(12_345)).toBe("12K");
    expect(formatCompact("3400000")).toBe("3.4M");
    expect(formatCompact(999_950)).toBe("1M");
    expect(formatCompact(1_100_000_000)).toBe("1.1B");
  });

  it("labels tokens with their unit", () => {
    expect(formatTokens(1_200_000)).toBe("1.2M tokens");
    expect(formatTokens(1)).toBe("1 token");
    expect(formatTokens("0")).toBe("0 tokens");
  });

  it("rejects text that is not an integer", () => {
    expect(() => formatCount("1.5")).toThrow(RangeError);
  });
});

describe("percent change", () => {
  it("computes the change on exact amounts", () => {
    const change = percentChange("112.3", "100");
    expect(change.direction).toBe("up");
    expect(change.ratio).toBeCloseTo(0.123, 6);
    expect(formatChange(change)).toBe("+12.3%");
    expect(formatChange(percentChange("96", "100"))).toBe("−4.0%");
  });

  it("says new when there was nothing before and dash when there is nothing at all", () => {
    expect(percentChange("5", "0")).toEqual({ direction: "new", ratio: null });
    expect(formatChange(percentChange("0", "0"))).toBe("—");
  });

  it("says n/m (not meaningful) for a rise from a near-zero base, and keeps the direction's tone", () => {
    const tiny = percentChange("0.35", "0.0003");
    expect(formatChange(tiny)).toBe("n/m");
    expect(changeTone(tiny, "up-is-bad")).toBe("bad");
    expect(formatChange(percentChange("1000", "100"))).toBe("+900.0%");
    expect(formatChange(percentChange("1100", "100"))).toBe("+1,000%");
    expect(formatChange(percentChange("1101", "100"))).toBe("n/m");
    expect(formatChange(percentChange("0.0003", "0.35"))).toBe("−99.9%");
  });

  it("treats changes under 0.05% as flat", () => {
    expect(percentChange("100.01", "100").direction).toBe("flat");
  });

  it("colours spend going up as bad and a hit rate going up as good", () => {
    const up = percentChange(120, 100);
    expect(changeTone(up, "up-is-bad")).toBe("bad");
    expect(changeTone(up, "up-is-good")).toBe("good");
    expect(changeTone(percentChange(80, 100), "up-is-bad")).toBe("good");
    expect(changeTone(up, "neutral")).toBe("neutral");
  });
});

describe("formatPercent and ratioOf", () => {
  it("formats ratios", () => {
    expect(formatPercent(0.4321)).toBe("43.2%");
    expect(formatPercent(0)).toBe("0.0%");
    expect(formatPercent(0.0000001)).toBe("<0.1%");
    expect(formatPercent(12.5)).toBe("1,250%");
  });

  it("returns null for a ratio of nothing", () => {
    expect(ratioOf(0, 0)).toBeNull();
    expect(ratioOf(1, 4)).toBe(0.25);
    expect(ratioOf("1", "3")).toBeCloseTo(0.333333, 6);
  });
});

describe("durations and dates", () => {
  it("formats latency", () => {
    expect(formatLatency(840)).toBe("840 ms");
    expect(formatLatency(1840)).toBe("1.84 s");
    expect(formatLatency(12_340)).toBe("12.3 s");
    expect(formatLatency(125_000)).toBe("2m 05s");
    expect(formatLatency(null)).toBe("—");
  });

  it("formats GPU time", () => {
    expect(formatGpuTime("1.82")).toBe("1.8 s");
    expect(formatGpuTime(750)).toBe("12.5 min");
    expect(formatGpuTime(12_240)).toBe("3.4 h");
  });

  it("formats days and zones", () => {
    expect(formatDay("2026-11-03")).toBe("Nov 3");
    expect(formatDay("2026-11-03", true)).toBe("Nov 3, 2026");
    expect(formatTimezone("UTC")).toBe("UTC");
    expect(formatTimezone("Asia/Kolkata")).toBe("Asia/Kolkata (UTC+5:30)");
  });

  it("formats instants in a zone: a date, a date and minute, a time to the second", () => {
    const instant = new Date("2026-11-27T23:05:09Z"); // already Nov 28 in Berlin
    expect(formatDate(instant, "Europe/Berlin")).toBe("Nov 28, 2026");
    expect(formatDateTimeWithYear(instant, "Europe/Berlin")).toBe("Nov 28, 2026, 00:05");
    expect(formatDateTime(instant, "Europe/Berlin")).toBe("Nov 28, 00:05:09");
    expect(formatDateTime("2026-11-27T23:05:09Z", "Asia/Kolkata")).toBe("Nov 28, 04:35:09");
    expect(formatDate(null, "UTC")).toBe("—");
    expect(formatDateTimeWithYear(null, "UTC")).toBe("—");
    expect(formatDateTime("not a date", "UTC")).toBe("—");
  });
});

describe("unit metrics", () => {
  it("divides spend by requests exactly", async () => {
    const { costPerRequest } = await import("@/lib/format");
    expect(costPerRequest("1", 3)).toBe("0.333333333333333");
    expect(costPerRequest("12.50", 0)).toBeNull();
    expect(formatMoney(costPerRequest("0.126", 30)!)).toBe("$0.0042");
  });

  it("reads the cache hit rate from prompt tokens only", async () => {
    const { cacheHitRate } = await import("@/lib/format");
    expect(cacheHitRate({ input: 2000, cache_read: 6000, cache_write_5m: 2000, cache_write_1h: 0 })).toBe(0.6);
    expect(cacheHitRate({ input: 0, cache_read: 0, cache_write_5m: 0, cache_write_1h: 0 })).toBeNull();
  });
});
