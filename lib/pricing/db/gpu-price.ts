/**
 * Prices a self-hosted GPU event: its GPU time at the rate of its GPU type in force at its
 * occurred_at (busy cost; the idle share of its pool is allocated by gpu-idle.ts, apart).
 * Ingestion and re-pricing price GPU events with this, so both store the same result.
 */
import { femtoToUsd } from "@/lib/money";
import { gpuRateAt, gpuTimeCost, type GpuRate } from "../gpu";

interface GpuEventToPrice {
  readonly gpuType: string | null;
  readonly gpuPool: string | null;
  readonly gpuMicros: bigint;
  readonly occurredMs: number;
}

interface GpuPriced {
  readonly costGpu: bigint;
  readonly priceEntryId: string;
  /** The usage event's `pricing` jsonb. */
  readonly pricing: Record<string, unknown>;
}

const gpuRateEntryId = (gpuType: string, effectiveFrom: number): string =>
  `gpu:${gpuType}@${new Date(effectiveFrom).toISOString()}`;

/** Undefined when the event names no GPU type or its type has no rate yet (unpriced, never $0). */
export function priceGpuEvent(rates: readonly GpuRate[], event: GpuEventToPrice): GpuPriced | undefined {
  if (event.gpuType === null) return undefined;
  const rate = gpuRateAt(rates, event.gpuType, event.occurredMs);
  if (!rate) return undefined;
  const costGpu = gpuTimeCost(event.gpuMicros, rate.usdPerHour);
  const entryId = gpuRateEntryId(rate.gpuType, rate.effectiveFrom);
  return {
    costGpu,
    priceEntryId: entryId,
    pricing: {
      v: 1,
      entry_id: entryId,
      scope: "project",
      rule: "gpu_time_x_rate",
      gpu: {
        type: event.gpuType,
        pool: event.gpuPool,
        micros: event.gpuMicros.toString(),
        usd_per_gpu_hour: rate.usdPerHour,
        rate_from: new Date(rate.effectiveFrom).toISOString(),
        cost_usd: femtoToUsd(costGpu),
      },
    },
  };
}

/** numeric(20,6) seconds as text ("1.820000") -> exact microseconds. */
export function secondsTextToMicros(text: string): bigint {
  const [whole = "0", fraction = ""] = text.split(".");
  return BigInt(whole) * 1_000_000n + BigInt(fraction.slice(0, 6).padEnd(6, "0"));
}
