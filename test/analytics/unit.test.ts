import { describe, expect, it } from "vitest";
import { costsQuerySchema } from "@/lib/analytics/contracts";
import { csvCell, toCsv } from "@/lib/analytics/csv";
import { MeasureTotals, sumMeasures } from "@/lib/analytics/cost-row";
import { changePct, money, perUnit } from "@/lib/analytics/money";
import { resolvePeriod } from "@/lib/analytics/period";
import { latencyOf } from "@/lib/analytics/sql";
import { LATENCY_BUCKET_COUNT, latencyBucket } from "@/lib/ingest/latency-buckets";

describe("CSV writer (RFC 4180)", () => {
  it("quotes commas, quotes and line breaks, and ends lines with CRLF", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          ["line\nbreak", null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });
  it("keeps numbers and money exact and neutralises formulas in text", () => {
    expect(csvCell("0.000000000000125")).toBe("0.000000000000125");
    expect(csvCell("-1.50")).toBe("-1.50");
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell(12)).toBe("12");
    expect(csvCell(undefined)).toBe("");
  });
});

describe("money", () => {
  it("trims numeric text to at least cents, exactly", () => {
    expect(money("12.340000000000000")).toBe("12.34");
    expect(money("0.000000125000000")).toBe("0.000000125");
    expect(money("7")).toBe("7.00");
    expect(money(null)).toBe("0.00");
  });
  it("divides and compares exactly", () => {
    expect(perUnit("1.000000000000000", 3)).toBe("0.333333333333333");
    expect(perUnit("1", 0)).toBeNull();
    expect(changePct("3", "2")).toBe(50);
    expect(changePct("3", "0")).toBeNull();
  });
});

describe("measure totals", () => {
  const row = (cost: string, gpuSeconds: string, events: number) =>
    ({
      events,
      tokens_input: events * 10,
      cost_token: cost,
      cost_gpu: "0",
      cost_total: cost,
      gpu_seconds: gpuSeconds,
    }) as never;
  it("add rows exactly, GPU seconds in either text form, histograms bucket by bucket", () => {
    const totals = new MeasureTotals();
    totals.add(row("0.100000000000000", "1.500000", 1), [1, 2]);
    totals.add(row("0.2", "2.25", 2), [0, 3]);
    totals.add(row("-0.000000000000001", "-0.000001", 3));
    expect(totals.measures()).toMatchObject({
      events: 6,
      tokens_input: 60,
      cost_total: "0.299999999999999",
      cost_token: "0.299999999999999",
      gpu_seconds: "3.749999",
    });
    expect(totals.cost()).toBe(299_999_999_999_999n);
    expect(totals.histogram()).toEqual([1, 5]);
  });
  it("take a cost the caller parsed already, and sum a list the same way", () => {
    const totals = new MeasureTotals();
    totals.add(row("1.000000000000000", "0.000000", 1), undefined, 1_000_000_000_000_000n);
    expect(totals.measures().cost_total).toBe("1.00");
    expect(totals.histogram()).toBeUndefined();
    expect(sumMeasures([row("1", "1", 1), row("2", "2", 2)])).toMatchObject({
      events: 3,
      cost_total: "3.00",
      gpu_seconds: "3.000000",
    });
  });
});

describe("latency percentiles from histograms", () => {
  it("reads p50 and p95 within a bucket of the true value", () => {
    const histogram = new Array(LATENCY_BUCKET_COUNT).fill(0);
    const latencies = Array.from({ length: 1000 }, (_, i) => 50 + i * 2);
    for (const ms of latencies) histogram[latencyBucket(ms)]++;
    const latency = latencyOf(
      latencies.length,
      latencies.reduce((a, b) => a + b, 0),
      histogram,
    );
    expect(latency.mean_ms).toBe(1049);
    expect(latency.p50_ms! / 1050).toBeGreaterThan(10 ** (-1 / 8));
    expect(latency.p50_ms! / 1050).toBeLessThan(10 ** (1 / 8));
    expect(latency.p95_ms! / 1950).toBeGreaterThan(10 ** (-1 / 8));
    expect(latency.p95_ms! / 1950).toBeLessThan(10 ** (1 / 8));
  });
  it("is null without latencies", () => {
    expect(latencyOf(0, 0, undefined)).toEqual({ count: 0, mean_ms: null, p50_ms: null, p95_ms: null });
  });
});

describe("periods", () => {
  it("resolves presets in the organisation's timezone, with the previous period of equal length", () => {
    const now = new Date("2026-03-01T03:00:00Z");
    expect(resolvePeriod({ range: "7d" }, "America/Los_Angeles", now)).toMatchObject({
      current: { from: "2026-02-21", to: "2026-02-27", days: 7 },
      previous: { from: "2026-02-14", to: "2026-02-20", days: 7 },
    });
    expect(resolvePeriod({ range: "last-month" }, "UTC", now).current).toMatchObject({
      from: "2026-02-01",
      to: "2026-02-28",
      days: 28,
    });
    expect(resolvePeriod({ range: "mtd" }, "UTC", now).current).toMatchObject({ from: "2026-03-01", to: "2026-03-01" });
  });
  it("rejects a range longer than two years", () => {
    const result = costsQuerySchema.safeParse({ from: "2020-01-01", to: "2026-01-01" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(["to"]);
  });
});
