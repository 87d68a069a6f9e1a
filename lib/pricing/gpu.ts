/**
 * Self-hosted GPU cost. A GPU is paid for while it is held, not while it is busy, so:
 * - an event's busy cost is its GPU time x the rate ($/GPU-hour) of its GPU type in force then;
 * - a pool (N GPUs of one type from a date) costs N x hours x rate for a period, whatever the
 *   load; the part no event used is idle cost, reported on its own and also allocated to the
 *   period's events pro rata to their GPU time, so cost per token is the real cost;
 * - one batch's GPU time is split over its requests by tokens processed (prompt + output), the
 *   work each request brought to the batch.
 * Every split uses largest-remainder allocation, so the parts sum exactly to the whole.
 * Time is integer microseconds and money femtodollars; the only rounding is divideRounded.
 */
import { divideRounded, numberToFemto, usdToFemto, type Femto } from "../money";
import { allocateByWeight } from "./allocate";

const MICROS_PER_HOUR = 3_600_000_000n;
const MICROS_PER_MS = 1000;

export interface GpuRate {
  readonly gpuType: string;
  /** Exact decimal dollars per GPU-hour, e.g. "3.50". */
  readonly usdPerHour: string;
  /** Inclusive start, epoch milliseconds. */
  readonly effectiveFrom: number;
}

export interface GpuPool {
  readonly id: string;
  readonly gpuType: string;
  readonly gpus: number;
  /** Inclusive start, epoch milliseconds; a later record of the same pool resizes it. */
  readonly effectiveFrom: number;
}

export interface GpuUsage {
  readonly id: string;
  readonly gpuType: string;
  readonly gpuMicros: bigint;
  /** Epoch milliseconds; decides the rate. */
  readonly occurredAt: number;
}

/** GPU seconds as a client sends them (e.g. 1.82) -> exact microseconds; finer than 1 µs is an error. */
export function gpuSecondsToMicros(seconds: number): bigint {
  if (!(seconds >= 0)) throw new RangeError(`gpu seconds must be non-negative: ${seconds}`);
  // numberToFemto is our exact decimal reader: it scales the written decimal by 1e15.
  const scaled = numberToFemto(seconds);
  if (scaled % 1_000_000_000n !== 0n) throw new RangeError(`gpu seconds finer than a microsecond: ${seconds}`);
  return scaled / 1_000_000_000n;
}

/** The rate of a GPU type in force at `at` (the latest start at or before it). */
export function gpuRateAt(rates: readonly GpuRate[], gpuType: string, at: number): GpuRate | undefined {
  let found: GpuRate | undefined;
  for (const rate of rates) {
    if (rate.gpuType === gpuType && rate.effectiveFrom <= at && (!found || rate.effectiveFrom > found.effectiveFrom))
      found = rate;
  }
  return found;
}

/** Cost of GPU time at a rate, rounded half-even once. */
export function gpuTimeCost(micros: bigint, usdPerHour: string): Femto {
  return divideRounded(micros * usdToFemto(usdPerHour), MICROS_PER_HOUR);
}

/** Busy cost of one event, or undefined when its GPU type has no rate yet (unpriced, not $0). */
export function gpuBusyCost(rates: readonly GpuRate[], usage: GpuUsage): Femto | undefined {
  const rate = gpuRateAt(rates, usage.gpuType, usage.occurredAt);
  return rate && gpuTimeCost(usage.gpuMicros, rate.usdPerHour);
}

interface BatchRequest {
  readonly id: string;
  readonly promptTokens: number;
  readonly outputTokens: number;
}

/** A batch's GPU time split over its requests by prompt + output tokens (equally if none has tokens). */
export function splitBatchGpuTime(
  batchMicros: bigint,
  requests: readonly BatchRequest[],
): Array<{ id: string; gpuMicros: bigint }> {
  const weights = requests.map((request) => BigInt(request.promptTokens + request.outputTokens));
  const even = weights.every((weight) => weight === 0n);
  const parts = allocateByWeight(batchMicros, even ? weights.map(() => 1n) : weights);
  return requests.map((request, index) => ({ id: request.id, gpuMicros: parts[index]! }));
}

interface PoolPeriod {
  /** Inclusive start and exclusive end, epoch microseconds. */
  readonly startMicros: bigint;
  readonly endMicros: bigint;
}

interface PoolEventCost {
  readonly id: string;
  readonly busy: Femto;
  readonly idle: Femto;
  readonly total: Femto;
}

interface PoolAllocation {
  readonly poolId: string;
  /** N GPUs x hours x rate over the period. */
  readonly whole: Femto;
  readonly busy: Femto;
  readonly idle: Femto;
  readonly heldMicros: bigint;
  readonly busyMicros: bigint;
  readonly events: readonly PoolEventCost[];
}

/** Boundaries where the pool size or the rate changes inside the period. */
function segments(
  records: readonly GpuPool[],
  rates: readonly GpuRate[],
  gpuType: string,
  period: PoolPeriod,
): bigint[] {
  const cuts = new Set<bigint>([period.startMicros, period.endMicros]);
  for (const at of [
    ...records.map((r) => r.effectiveFrom),
    ...rates.filter((r) => r.gpuType === gpuType).map((r) => r.effectiveFrom),
  ]) {
    const micros = BigInt(at) * BigInt(MICROS_PER_MS);
    if (micros > period.startMicros && micros < period.endMicros) cuts.add(micros);
  }
  return [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A pool's cost for a period, split into busy (events' own GPU time at their rates) and idle
 * (the rest), with idle allocated to the same events pro rata to GPU time.
 */
export function allocatePool(
  records: readonly GpuPool[],
  rates: readonly GpuRate[],
  period: PoolPeriod,
  events: readonly GpuUsage[],
): PoolAllocation {
  const [first] = records;
  if (!first) throw new RangeError("a pool needs at least one record");
  if (period.endMicros <= period.startMicros) throw new RangeError("period must end after it starts");
  const gpuType = first.gpuType;
  const wrongType = events.find((event) => event.gpuType !== gpuType);
  if (wrongType)
    throw new RangeError(`event ${wrongType.id} ran on ${wrongType.gpuType}, pool ${first.id} holds ${gpuType}`);

  const cuts = segments(records, rates, gpuType, period);
  let wholeNumerator = 0n;
  let heldMicros = 0n;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const atMs = Number(start / BigInt(MICROS_PER_MS));
    const size =
      [...records].filter((r) => r.effectiveFrom <= atMs).sort((a, b) => b.effectiveFrom - a.effectiveFrom)[0]?.gpus ??
      0;
    const rate = gpuRateAt(rates, gpuType, atMs);
    if (size > 0 && !rate) throw new RangeError(`no ${gpuType} rate in force at ${new Date(atMs).toISOString()}`);
    const held = BigInt(size) * (cuts[i + 1]! - start);
    heldMicros += held;
    if (rate) wholeNumerator += held * usdToFemto(rate.usdPerHour);
  }
  const whole = divideRounded(wholeNumerator, MICROS_PER_HOUR);

  const busyMicros = events.reduce((sum, event) => sum + event.gpuMicros, 0n);
  if (busyMicros > heldMicros) {
    throw new RangeError(`events used ${busyMicros} GPU-µs, more than pool ${first.id} held (${heldMicros})`);
  }
  const busyCosts = events.map((event) => {
    const cost = gpuBusyCost(rates, event);
    if (cost === undefined) throw new RangeError(`no ${gpuType} rate in force for event ${event.id}`);
    return cost;
  });
  const busy = busyCosts.reduce((sum, cost) => sum + cost, 0n);
  const idle = whole - busy;
  const idleShares =
    busyMicros === 0n
      ? events.map(() => 0n)
      : allocateByWeight(
          idle,
          events.map((event) => event.gpuMicros),
        );
  return {
    poolId: first.id,
    whole,
    busy,
    idle,
    heldMicros,
    busyMicros,
    events: events.map((event, index) => ({
      id: event.id,
      busy: busyCosts[index]!,
      idle: idleShares[index]!,
      total: busyCosts[index]! + idleShares[index]!,
    })),
  };
}

/** Cost per 1,000 tokens in femtodollars, for comparing self-hosted with API prices. */
export function costPerThousandTokens(cost: Femto, tokens: number): Femto {
  if (tokens <= 0) throw new RangeError("tokens must be positive");
  return divideRounded(cost * 1000n, BigInt(tokens));
}
