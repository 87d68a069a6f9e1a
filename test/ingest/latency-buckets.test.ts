import { describe, expect, it } from "vitest";
import {
  LATENCY_BUCKET_COUNT,
  LATENCY_BUCKET_LOWER_MS,
  latencyBucket,
  latencyQuantile,
} from "@/lib/ingest/latency-buckets";

describe("latency buckets", () => {
  it("has 50 fixed buckets: under 1 ms, eight per decade up to 1,000 s, and an overflow", () => {
    expect(LATENCY_BUCKET_COUNT).toBe(50);
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(0.99)).toBe(0);
    expect(latencyBucket(1)).toBe(1);
    expect(latencyBucket(10)).toBe(9);
    expect(latencyBucket(100)).toBe(17);
    expect(latencyBucket(999_999)).toBe(48);
    expect(latencyBucket(1_000_000)).toBe(49);
    expect(latencyBucket(1e12)).toBe(49);
  });

  it("puts every latency in the bucket whose bounds hold it", () => {
    for (let ms = 1; ms < 2_000_000; ms = Math.ceil(ms * 1.07)) {
      const bucket = latencyBucket(ms);
      expect(ms).toBeGreaterThanOrEqual(LATENCY_BUCKET_LOWER_MS[bucket - 1]!);
      if (bucket < LATENCY_BUCKET_COUNT - 1) expect(ms).toBeLessThan(LATENCY_BUCKET_LOWER_MS[bucket]!);
    }
  });

  it("reads p50 and p95 from a histogram within one bucket's width", () => {
    const histogram = new Array(LATENCY_BUCKET_COUNT).fill(0);
    const latencies = Array.from({ length: 1000 }, (_, i) => 20 + i * 2);
    for (const ms of latencies) histogram[latencyBucket(ms)]++;
    const p50 = latencyQuantile(histogram, 0.5)!;
    const p95 = latencyQuantile(histogram, 0.95)!;
    expect(p50 / 1019).toBeGreaterThan(0.75);
    expect(p50 / 1019).toBeLessThan(1.34);
    expect(p95 / 1919).toBeGreaterThan(0.75);
    expect(p95 / 1919).toBeLessThan(1.34);
    expect(latencyQuantile(new Array(LATENCY_BUCKET_COUNT).fill(0), 0.5)).toBeNull();
  });
});
