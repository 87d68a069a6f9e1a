import { describe, expect, it } from "vitest";
import { latencyBucket, LATENCY_BUCKET_COUNT, packHistogram, unpackHistogram } from "@/lib/ingest/latency-buckets";
import { usageDeltas, type ClaimedUsage } from "@/lib/ingest/rollup-deltas";
import { MEASURES, scaledText } from "@/lib/rollups/measures";
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

/** A delta's values by column, as the rollup columns print them. */
function columnsOf(values: readonly bigint[]): Record<string, string> {
  return Object.fromEntries(MEASURES.map(({ column, scale }, i) => [column, scaledText(values[i]!, scale)]));
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
  const deltas = usageDeltas(events);

  it("adds events per event key and day, exactly, with latency histograms", () => {
    expect(deltas.map((d) => [d.day, d.customer, d.model])).toEqual([
      ["2026-11-26", "acme", "gpt-4o"],
      ["2026-11-26", "globex", "gpt-4o"],
      ["2026-11-27", "acme", "gpt-4o-mini"],
    ]);
    const first = columnsOf(deltas[0]!.values);
    expect(first).toMatchObject({
      events: "2",
      error_events: "1",
      unpriced_events: "1",
      tokens_input: "200",
      cost_total: "1.000000000000003",
      gpu_seconds: "3.000000",
      latency_count: "1",
      latency_sum_ms: "840",
    });
    const histogram = unpackHistogram(first.latency_histogram_packed!);
    expect(histogram).toHaveLength(LATENCY_BUCKET_COUNT);
    expect(histogram[latencyBucket(840)]).toBe(1);
    expect(histogram.reduce((a, b) => a + b, 0)).toBe(1);
    expect(columnsOf(deltas[1]!.values)).toMatchObject({ events: "1", cost_total: "0.000000000000003" });
  });
});
