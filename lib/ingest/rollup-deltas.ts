/**
 * Adds up a committed-to-be batch per event key and day in TypeScript: the deltas that
 * lib/rollups keeps every level from, one per key instead of one per event. Money is summed as
 * bigint femtodollars, GPU time as integer microseconds: exact, like SQL sums.
 */
import type { Femto } from "@/lib/money";
import type { PricedUsage } from "@/lib/pricing/price-event";
import { TOKEN_CLASSES } from "@/lib/token-classes";
import { measureIndex, zeroValues, type MeasureValues } from "@/lib/rollups/measures";
import type { UsageDelta } from "@/lib/rollups/write";
import { LATENCY_BUCKET_COUNT, latencyBucket, packHistogram } from "./latency-buckets";
import type { UsageRow } from "./types";

interface UsageSums {
  keys: string[];
  day: string;
  events: number;
  errorEvents: number;
  unpricedEvents: number;
  tokens: number[];
  gpuMicros: number;
  costToken: Femto;
  costGpu: Femto;
  costTotal: Femto;
  latencyCount: number;
  latencySumMs: number;
  histogram: number[];
}

export interface ClaimedUsage {
  row: UsageRow;
  price: PricedUsage;
  /** The event's day in the organisation's timezone, as PostgreSQL computed it. */
  day: string;
}

export function gpuSecondsText(micros: number): string {
  if (micros === 0) return "0";
  const whole = Math.floor(micros / 1e6);
  return `${whole}.${String(micros - whole * 1e6).padStart(6, "0")}`;
}

function emptySums(day: string, keys: string[]): UsageSums {
  return {
    keys,
    day,
    events: 0,
    errorEvents: 0,
    unpricedEvents: 0,
    tokens: new Array<number>(TOKEN_CLASSES.length).fill(0),
    gpuMicros: 0,
    costToken: 0n,
    costGpu: 0n,
    costTotal: 0n,
    latencyCount: 0,
    latencySumMs: 0,
    histogram: new Array<number>(LATENCY_BUCKET_COUNT).fill(0),
  };
}

function addEvent(sums: UsageSums, { row, price }: ClaimedUsage, bucket: number): void {
  sums.events++;
  if (row.status === "error") sums.errorEvents++;
  if (price.source === "unpriced") sums.unpricedEvents++;
  for (let i = 0; i < TOKEN_CLASSES.length; i++) sums.tokens[i]! += row.tokens[TOKEN_CLASSES[i]!] ?? 0;
  sums.gpuMicros += row.gpuMicros;
  sums.costToken += price.costToken;
  sums.costGpu += price.costGpu;
  sums.costTotal += price.costTotal;
  if (row.latencyMs !== null) {
    sums.latencyCount++;
    sums.latencySumMs += row.latencyMs;
    sums.histogram[bucket]!++;
  }
}

const AT = {
  events: measureIndex("events"),
  errorEvents: measureIndex("error_events"),
  unpricedEvents: measureIndex("unpriced_events"),
  tokens: TOKEN_CLASSES.map((tokenClass) => measureIndex(`tokens_${tokenClass}`)),
  gpuSeconds: measureIndex("gpu_seconds"),
  costToken: measureIndex("cost_token"),
  costGpu: measureIndex("cost_gpu"),
  costTotal: measureIndex("cost_total"),
  latencyCount: measureIndex("latency_count"),
  latencySumMs: measureIndex("latency_sum_ms"),
  histogram: measureIndex("latency_histogram_packed"),
};

/** The sums as rollup measure values (scaled as measures.ts declares: GPU time in microseconds). */
function measureValues(sums: UsageSums): MeasureValues {
  const values = zeroValues();
  values[AT.events] = BigInt(sums.events);
  values[AT.errorEvents] = BigInt(sums.errorEvents);
  values[AT.unpricedEvents] = BigInt(sums.unpricedEvents);
  AT.tokens.forEach((at, t) => (values[at] = BigInt(sums.tokens[t]!)));
  values[AT.gpuSeconds] = BigInt(sums.gpuMicros);
  values[AT.costToken] = sums.costToken;
  values[AT.costGpu] = sums.costGpu;
  values[AT.costTotal] = sums.costTotal;
  values[AT.latencyCount] = BigInt(sums.latencyCount);
  values[AT.latencySumMs] = BigInt(sums.latencySumMs);
  values[AT.histogram] = BigInt(packHistogram(sums.histogram));
  return values;
}

/** The batch's usage summed per event key and day: the deltas every rollup level is kept from. */
export function usageDeltas(events: readonly ClaimedUsage[]): UsageDelta[] {
  const groups = new Map<string, UsageSums>();
  for (const event of events) {
    const { row, day } = event;
    const id = `${day}\u0000${row.feature}\u0000${row.customer}\u0000${row.provider}\u0000${row.model}`;
    let sums = groups.get(id);
    if (!sums) groups.set(id, (sums = emptySums(day, [row.feature, row.customer, row.provider, row.model])));
    addEvent(sums, event, row.latencyMs === null ? -1 : latencyBucket(row.latencyMs));
  }
  return [...groups.values()].map((sums) => {
    const [feature, customer, provider, model] = sums.keys as [string, string, string, string];
    return { day: sums.day, feature, customer, provider, model, values: measureValues(sums) };
  });
}
