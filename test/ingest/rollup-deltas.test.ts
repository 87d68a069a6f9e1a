import { describe, expect, it } from "vitest";
import { latencyBucket, LATENCY_BUCKET_COUNT, packHistogram, unpackHistogram } from "@/lib/ingest/latency-buckets";
import { LEVEL_VALUE_COLUMNS, USAGE_LEVELS, usageLevelParameters, type ClaimedUsage } from "@/lib/ingest/rollup-deltas";
import type { UsageRow } from "@/lib/ingest/types";

function claimed(
  day: string,
  customer: string,
  model: string,
  latencyMs: number | null,
  costTotal: bigint,
  unpriced = false,
): ClaimedUsage {
  const row = {
    kind: "usage",
    customer,
    feature: "chat",
    provider: "openai",
    model,
    tokens: { input: 100, output: 10 },
    gpuMicros: 1_500_000,
    latencyMs,
    status: latencyMs === null ? "error" : "ok",
  } as UsageRow;
  return {
    row,
    day,
    price: {
      costToken: costTotal,
      costGpu: 0n,
      costTotal,
      source: unpriced ? "unpriced" : "computed",
      priceEntryId: null,
      pricing: "{}",
    },
  };
}

/** A level's parameters as rows of named columns. */
function rowsOf(parameters: string[], keyColumns: readonly string[]): Record<string, string>[] {
  const names = ["day", ...keyColumns, ...LEVEL_VALUE_COLUMNS.map(([name]) => name)];
  expect(parameters).toHaveLength(names.length);
  const split = (literal: string) =>
    literal === "{}"
      ? []
      : literal
          .slice(1, -1)
          .match(/"(?:[^"\\]|\\.)*"|[^,]+/g)!
          .map((v) => v.replace(/^"|"$/g, ""));
  const columns = parameters.map(split);
  return columns[0]!.map((_, r) => Object.fromEntries(names.map((name, c) => [name, columns[c]![r]!])));
}

describe("packed latency histograms", () => {
  it("round-trip every bucket, and adding packed values adds the buckets", () => {
    const a = Array.from({ length: LATENCY_BUCKET_COUNT }, (_, i) => (i * 7919) % 1000);
    const b = Array.from({ length: LATENCY_BUCKET_COUNT }, (_, i) =>
      i === 0 || i === LATENCY_BUCKET_COUNT - 1 ? 999_999_999_999 : i,
    );
    expect(unpackHistogram(packHistogram(a))).toEqual(a);
    expect(unpackHistogram((BigInt(packHistogram(a)) + BigInt(packHistogram(b))).toString())).toEqual(
      a.map((n, i) => n + b[i]!),
    );
    expect(unpackHistogram("0")).toEqual(new Array(LATENCY_BUCKET_COUNT).fill(0));
    expect(unpackHistogram(`${packHistogram(a)}.000`)).toEqual(a);
  });
});

describe("rollup deltas", () => {
  const events = [
    claimed("2026-11-26", "acme", "gpt-4o", 840, 1_000_000_000_000_001n),
    claimed("2026-11-26", "acme", "gpt-4o", null, 2n, true),
    claimed("2026-11-26", "globex", "gpt-4o", 12, 3n),
    claimed("2026-11-27", "acme", "gpt-4o-mini", 840, 4n),
  ];
  const levels = usageLevelParameters(events);

  it("adds events per key at each level, exactly, with latency histograms", () => {
    const daily = rowsOf(levels.usage_daily, USAGE_LEVELS.usage_daily);
    expect(daily).toHaveLength(3);
    expect(daily[0]).toMatchObject({
      day: "2026-11-26",
      customer: "acme",
      model: "gpt-4o",
      events: "2",
      error_events: "1",
      unpriced_events: "1",
      tokens_input: "200",
      cost_total: "1.000000000000003",
      gpu_seconds: "3.000000",
      latency_count: "1",
      latency_sum_ms: "840",
    });
    const histogram = unpackHistogram(daily[0]!.latency_histogram_packed!);
    expect(histogram).toHaveLength(LATENCY_BUCKET_COUNT);
    expect(histogram[latencyBucket(840)]).toBe(1);
    expect(histogram.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("groups the smaller levels by their own keys only", () => {
    const byModel = rowsOf(levels.usage_daily_model, USAGE_LEVELS.usage_daily_model);
    expect(byModel.map((r) => [r.day, r.model, r.events])).toEqual([
      ["2026-11-26", "gpt-4o", "3"],
      ["2026-11-27", "gpt-4o-mini", "1"],
    ]);
    const byCustomer = rowsOf(levels.usage_daily_customer, USAGE_LEVELS.usage_daily_customer);
    expect(byCustomer.map((r) => [r.day, r.customer, r.events, r.cost_total])).toEqual([
      ["2026-11-26", "acme", "2", "1.000000000000003"],
      ["2026-11-26", "globex", "1", "0.000000000000003"],
      ["2026-11-27", "acme", "1", "0.000000000000004"],
    ]);
  });
});
