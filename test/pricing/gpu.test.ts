import { describe, expect, test } from "vitest";
import { allocateByWeight } from "@/lib/pricing/allocate";
import { createPriceBook } from "@/lib/pricing/book";
import { priceUsage } from "@/lib/pricing/cost";
import {
  allocatePool,
  costPerThousandTokens,
  gpuBusyCost,
  gpuSecondsToMicros,
  splitBatchGpuTime,
  type GpuPool,
  type GpuRate,
  type GpuUsage,
} from "@/lib/pricing/gpu";
import { millisToMicros, readTelemetry, secondsToMicros } from "./gpu-telemetry";
import { dollars } from "./support";

const T0 = Date.parse("2026-11-20T12:00:00Z");
const MINUTE = 60_000;
const H100_RATES: GpuRate[] = [
  { gpuType: "H100", usdPerHour: "2.50", effectiveFrom: Date.parse("2026-01-01") },
  { gpuType: "H100", usdPerHour: "3.00", effectiveFrom: T0 + 90 * MINUTE },
];
const period = (fromMs: number, toMs: number) => ({
  startMicros: BigInt(fromMs) * 1000n,
  endMicros: BigInt(toMs) * 1000n,
});
const event = (id: string, seconds: number, at = T0): GpuUsage => ({
  id,
  gpuType: "H100",
  gpuMicros: gpuSecondsToMicros(seconds),
  occurredAt: at,
});
const pool = (gpus: number, from = Date.parse("2026-01-01")): GpuPool => ({
  id: "eu-1",
  gpuType: "H100",
  gpus,
  effectiveFrom: from,
});

describe("GPU events", () => {
  test.each([
    // 1.82 s x $2.50 / 3600 s = 0.00126388...; half-even to the femtodollar
    ["1.82 s at $2.50/h", event("a", 1.82), "0.001263888888889"],
    ["one hour at $2.50/h", event("b", 3600), "2.5"],
    ["one hour after the rate rise", event("c", 3600, T0 + 120 * MINUTE), "3"],
    ["a microsecond", event("d", 0.000001), "0.000000000694444"],
  ] as const)("%s", (_name, usage, expected) => {
    expect(dollars(gpuBusyCost(H100_RATES, usage)!)).toBe(expected);
  });

  test("a GPU type without a rate is unpriced, not free", () => {
    expect(gpuBusyCost(H100_RATES, { ...event("e", 1), gpuType: "B200" })).toBeUndefined();
  });
  test("GPU seconds finer than a microsecond are refused", () => {
    expect(() => gpuSecondsToMicros(0.0000001)).toThrow(/microsecond/);
  });
});

describe("pools with idle time", () => {
  test("2 GPUs for an hour: busy by GPU time, idle pro rata, parts sum exactly", () => {
    // whole 2 x 1 h x 2.50 = 5; busy 1800 s -> 1.25 and 900 s -> 0.625; idle 3.125 split 2:1
    const result = allocatePool([pool(2)], H100_RATES, period(T0, T0 + 60 * MINUTE), [
      event("a", 1800),
      event("b", 900),
    ]);
    expect(dollars(result.whole)).toBe("5");
    expect(dollars(result.busy)).toBe("1.875");
    expect(dollars(result.idle)).toBe("3.125");
    expect(result.events.map((e) => [e.id, dollars(e.busy), dollars(e.idle), dollars(e.total)])).toEqual([
      ["a", "1.25", "2.083333333333333", "3.333333333333333"],
      ["b", "0.625", "1.041666666666667", "1.666666666666667"],
    ]);
    expect(result.events.reduce((sum, e) => sum + e.total, 0n)).toBe(result.whole);
  });

  test("a rate change inside the period splits it", () => {
    // 1 GPU 13:00-14:00: 30 min at 2.50 + 30 min at 3.00 = 1.25 + 1.5
    const result = allocatePool([pool(1)], H100_RATES, period(T0 + 60 * MINUTE, T0 + 120 * MINUTE), []);
    expect(dollars(result.whole)).toBe("2.75");
    expect(dollars(result.idle)).toBe("2.75");
  });

  test("a pool resized inside the period", () => {
    // 1 GPU for 30 min then 3 GPUs for 30 min at 2.50 = 1.25 + 3.75
    const result = allocatePool([pool(1), pool(3, T0 + 30 * MINUTE)], H100_RATES, period(T0, T0 + 60 * MINUTE), [
      event("a", 60),
    ]);
    expect(dollars(result.whole)).toBe("5");
    expect(result.events[0]!.total).toBe(result.whole);
  });

  test("events cannot use more GPU time than the pool held", () => {
    expect(() => allocatePool([pool(1)], H100_RATES, period(T0, T0 + MINUTE), [event("a", 61)])).toThrow(
      /more than pool/,
    );
  });
  test("events of another GPU type are refused", () => {
    expect(() =>
      allocatePool([pool(1)], H100_RATES, period(T0, T0 + MINUTE), [{ ...event("a", 1), gpuType: "A100" }]),
    ).toThrow(/A100/);
  });
});

describe("largest-remainder allocation", () => {
  test("parts sum exactly and ties go to the earlier item", () => {
    expect(allocateByWeight(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(allocateByWeight(-10n, [1n, 1n, 1n])).toEqual([-4n, -3n, -3n]);
    expect(allocateByWeight(0n, [0n, 0n])).toEqual([0n, 0n]);
  });
  test("sums exactly for awkward weights", () => {
    const weights = [7n, 13n, 1n, 999_983n, 0n, 42n];
    for (const amount of [1n, 7n, 1_000_000_007n, 10n ** 18n + 3n]) {
      expect(allocateByWeight(amount, weights).reduce((a, b) => a + b, 0n)).toBe(amount);
    }
  });
  test("a batch's GPU time is split by prompt + output tokens", () => {
    // 1,000,000 µs over 300 and 100 tokens processed: 750,000 and 250,000
    expect(
      splitBatchGpuTime(1_000_000n, [
        { id: "x", promptTokens: 250, outputTokens: 50 },
        { id: "y", promptTokens: 90, outputTokens: 10 },
      ]),
    ).toEqual([
      { id: "x", gpuMicros: 750_000n },
      { id: "y", gpuMicros: 250_000n },
    ]);
  });
});

describe("H200 telemetry fixture", () => {
  const { batches, idles, summary } = readTelemetry();
  const H200_RATE = "3.50"; // $/GPU-hour, a typical 2026 on-demand H200 price
  const rates: GpuRate[] = [{ gpuType: "H200", usdPerHour: H200_RATE, effectiveFrom: Date.parse("2026-01-01") }];
  const requests = batches.flatMap((batch) => batch.requests);
  const events: GpuUsage[] = batches.flatMap((batch) =>
    splitBatchGpuTime(
      millisToMicros(batch.gpu_ms),
      batch.requests.map((r) => ({ id: r.request_id, promptTokens: r.prompt_tokens, outputTokens: r.output_tokens })),
    ).map((split) => ({ ...split, gpuType: "H200", occurredAt: Math.floor(batch.started_at * 1000) })),
  );
  const spans = [...batches, ...idles].map((line) => ({
    start: secondsToMicros(line.started_at),
    end: secondsToMicros(line.started_at) + millisToMicros(line.wall_ms),
  }));
  const held = {
    startMicros: spans.reduce((min, s) => (s.start < min ? s.start : min), spans[0]!.start),
    endMicros: spans.reduce((max, s) => (s.end > max ? s.end : max), 0n),
  };
  const result = allocatePool(
    [{ id: "h200-lab", gpuType: "H200", gpus: 1, effectiveFrom: Date.parse("2026-01-01") }],
    rates,
    held,
    events,
  );

  test("the fixture is what its summary says", () => {
    expect([batches.length, requests.length, idles.length]).toEqual([summary.batches, summary.requests, 11]);
    expect(requests.reduce((s, r) => s + r.prompt_tokens, 0)).toBe(summary.prompt_tokens);
  });

  test("each batch's split sums exactly to its GPU time", () => {
    for (const batch of batches) {
      const ids = new Set(batch.requests.map((r) => r.request_id));
      const split = events.filter((e) => ids.has(e.id)).reduce((sum, e) => sum + e.gpuMicros, 0n);
      expect(split).toBe(millisToMicros(batch.gpu_ms));
    }
  });

  test("the pool's cost is whole, busy and idle, and the events carry it exactly", () => {
    // held 158.721023 s x $3.50 / 3600 s = 0.154312105694444...
    expect(result.heldMicros).toBe(158_721_023n);
    expect(result.busyMicros).toBe(146_057_692n);
    expect(dollars(result.whole)).toBe("0.154312105694444");
    expect(result.busy + result.idle).toBe(result.whole);
    expect(result.idle).toBeGreaterThan(0n);
    expect(result.events.reduce((sum, e) => sum + e.total, 0n)).toBe(result.whole);
    expect(result.events.reduce((sum, e) => sum + e.idle, 0n)).toBe(result.idle);
  });

  test("cost per 1k tokens is comparable with an API price for a model of this size", () => {
    const tokens = summary.prompt_tokens + summary.output_tokens;
    const selfHosted = costPerThousandTokens(result.whole, tokens);
    // 0.154312105694444 x 1000 / 76,619 tokens
    expect(dollars(selfHosted)).toBe("0.002014018790306");

    // The same requests on SambaNova's Llama 3.2 1B API ($0.04 in / $0.08 out per Mtok).
    const book = createPriceBook();
    const api = requests.reduce((sum, r) => {
      const priced = priceUsage(
        {
          provider: "sambanova",
          model: "Meta-Llama-3.2-1B-Instruct",
          tokens: { input: r.prompt_tokens, output: r.output_tokens },
          occurredAt: new Date(),
        },
        book,
      );
      if (priced.source !== "computed") throw new Error(priced.detail);
      return sum + priced.total;
    }, 0n);
    // 71,139 x 0.04 + 5,480 x 0.08 per Mtok
    expect(dollars(api)).toBe("0.00328396");
    // The unoptimised generate loop (1-16% SM utilisation) costs ~47x the API per token.
    expect(Number((selfHosted * 100n) / costPerThousandTokens(api, tokens)) / 100).toBeGreaterThan(40);
  });
});
