/**
 * Adds up a committed-to-be batch per rollup key in TypeScript, so the database receives one
 * pre-aggregated row per key and level instead of re-grouping every event (and, through
 * triggers, every changed rollup row) itself. Money is summed as bigint femtodollars, GPU time
 * as integer microseconds: exact, like the SQL sums they replace.
 */
import { numberArrayLiteral, textArrayLiteral } from "@/lib/db/array-literal";
import { femtoToUsd, type Femto } from "@/lib/money";
import { TOKEN_CLASSES } from "@/lib/pricing/types";
import { LATENCY_BUCKET_COUNT, latencyBucket, packHistogram } from "./latency-buckets";
import type { PricedUsage } from "@/lib/pricing/price-event";
import type { UsageRow } from "./types";

/** The rollup levels and their key columns besides project_id and day. */
export const USAGE_LEVELS = {
  usage_daily: ["feature", "customer", "provider", "model"],
  usage_daily_model: ["feature", "provider", "model"],
  usage_daily_customer: ["customer"],
} as const;
export type UsageLevel = keyof typeof USAGE_LEVELS;
/** The level names in USAGE_LEVELS order: the order of UPSERT_USAGE_LEVELS_SQL's parameters. */
export const LEVELS = Object.keys(USAGE_LEVELS) as UsageLevel[];

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

/** The value columns of every usage level and their SQL types, in parameter order after the key. */
export const LEVEL_VALUE_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ["events", "int8"],
  ["error_events", "int8"],
  ["unpriced_events", "int8"],
  ...TOKEN_CLASSES.map((tokenClass) => [`tokens_${tokenClass}`, "int8"] as const),
  ["gpu_seconds", "numeric"],
  ["cost_token", "numeric"],
  ["cost_gpu", "numeric"],
  ["cost_total", "numeric"],
  ["latency_count", "int8"],
  ["latency_sum_ms", "int8"],
  ["latency_histogram_packed", "numeric"],
];

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

/** One level's rows as array literals: day, the key columns, then LEVEL_VALUE_COLUMNS. */
function toParameters(groups: Map<string, UsageSums>, keyCount: number): string[] {
  const rows = [...groups.values()];
  const text = (pick: (sums: UsageSums) => string) => textArrayLiteral(rows.map(pick));
  const number = (pick: (sums: UsageSums) => number | string) => numberArrayLiteral(rows.map(pick));
  return [
    text((s) => s.day),
    ...Array.from({ length: keyCount }, (_, k) => text((s) => s.keys[k]!)),
    number((s) => s.events),
    number((s) => s.errorEvents),
    number((s) => s.unpricedEvents),
    ...TOKEN_CLASSES.map((_, t) => number((s) => s.tokens[t]!)),
    number((s) => gpuSecondsText(s.gpuMicros)),
    number((s) => femtoToUsd(s.costToken)),
    number((s) => femtoToUsd(s.costGpu)),
    number((s) => femtoToUsd(s.costTotal)),
    number((s) => s.latencyCount),
    number((s) => s.latencySumMs),
    number((s) => packHistogram(s.histogram)),
  ];
}

/** The batch's sums per key at every usage level, as parameters (NUL, which no id may hold, joins key parts). */
export function usageLevelParameters(events: readonly ClaimedUsage[]): Record<UsageLevel, string[]> {
  const groups = LEVELS.map(() => new Map<string, UsageSums>());
  for (const event of events) {
    const bucket = event.row.latencyMs === null ? -1 : latencyBucket(event.row.latencyMs);
    for (let l = 0; l < LEVELS.length; l++) {
      const keys = USAGE_LEVELS[LEVELS[l]!].map((column) => event.row[column]);
      const id = `${event.day}\u0000${keys.join("\u0000")}`;
      let sums = groups[l]!.get(id);
      if (!sums) groups[l]!.set(id, (sums = emptySums(event.day, keys)));
      addEvent(sums, event, bucket);
    }
  }
  return Object.fromEntries(
    LEVELS.map((level, l) => [level, toParameters(groups[l]!, USAGE_LEVELS[level].length)]),
  ) as Record<UsageLevel, string[]>;
}
