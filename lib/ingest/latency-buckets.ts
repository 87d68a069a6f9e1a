/**
 * Fixed, log-spaced latency buckets, so rollups can add histograms element-wise and p50/p95
 * can be read from aggregates without raw events.
 *
 * Bucket 0 holds latencies below 1 ms. Buckets 1..48 are eight per decade from 1 ms to
 * 1,000,000 ms: bucket i holds [10^((i-1)/8), 10^(i/8)) ms, each about 33% wider than the one
 * before, so a percentile read from them is within that factor. Bucket 49 holds 1,000 s and more.
 * The layout is part of the stored data: changing it needs a migration of latency_histogram_packed.
 */
const LATENCY_BUCKETS_PER_DECADE = 8;
const LATENCY_DECADES = 6;
export const LATENCY_BUCKET_COUNT = LATENCY_BUCKETS_PER_DECADE * LATENCY_DECADES + 2;

/** Lower bounds in ms of buckets 1..49 (bucket 0 starts at 0), rounded for display only. */
export const LATENCY_BUCKET_LOWER_MS: readonly number[] = Array.from(
  { length: LATENCY_BUCKET_COUNT - 1 },
  (_, i) => 10 ** (i / LATENCY_BUCKETS_PER_DECADE),
);

/** The bucket a latency falls in. Exact at the decade bounds (1, 10, 100 ms...). */
export function latencyBucket(ms: number): number {
  if (!(ms >= 1)) return 0;
  // Compare against the bounds rather than trusting log10's rounding at the edges.
  let bucket = Math.floor(Math.log10(ms) * LATENCY_BUCKETS_PER_DECADE) + 1;
  if (bucket >= LATENCY_BUCKET_COUNT) return LATENCY_BUCKET_COUNT - 1;
  while (bucket > 1 && ms < LATENCY_BUCKET_LOWER_MS[bucket - 1]!) bucket--;
  while (bucket < LATENCY_BUCKET_COUNT - 1 && ms >= LATENCY_BUCKET_LOWER_MS[bucket]!) bucket++;
  return bucket;
}

/**
 * The q-quantile (0 < q < 1) of a histogram, as the geometric middle of the bucket holding
 * it (the underflow bucket reads as 0.5 ms, the overflow bucket as its lower bound).
 */
export function latencyQuantile(histogram: readonly number[], q: number): number | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let bucket = 0; bucket < histogram.length; bucket++) {
    seen += histogram[bucket]!;
    if (seen >= rank && histogram[bucket]! > 0) {
      if (bucket === 0) return 0.5;
      if (bucket >= LATENCY_BUCKET_COUNT - 1) return LATENCY_BUCKET_LOWER_MS[LATENCY_BUCKET_COUNT - 2]!;
      return 10 ** ((bucket - 0.5) / LATENCY_BUCKETS_PER_DECADE);
    }
  }
  return null;
}

/**
 * Rollups store a histogram as one integer: bucket i's count is the i-th group of
 * LATENCY_PACK_DIGITS decimal digits from the right. Adding two packed histograms adds every
 * bucket (no bucket reaches 10^18 events), so SQL merges and sums them with + and sum().
 */
export const LATENCY_PACK_DIGITS = 18;
const ZERO_FIELD = "0".repeat(LATENCY_PACK_DIGITS);

/** The packed form of per-bucket counts, as a decimal string for a numeric column. */
export function packHistogram(counts: readonly number[]): string {
  let top = counts.length - 1;
  while (top > 0 && counts[top] === 0) top--;
  // Decimal digits directly: the highest non-empty bucket, then every lower one in 18 digits.
  let packed = String(counts[top] ?? 0);
  for (let bucket = top - 1; bucket >= 0; bucket--) {
    const count = counts[bucket]!;
    packed += count === 0 ? ZERO_FIELD : String(count).padStart(LATENCY_PACK_DIGITS, "0");
  }
  return packed;
}

/** Per-bucket counts of a packed histogram (a non-negative decimal integer string). */
export function unpackHistogram(packed: string): number[] {
  // numeric's text has no fraction for a sum of integers; a ".0…" is dropped without a regex.
  const point = packed.indexOf(".");
  const digits = point === -1 ? packed : packed.slice(0, point);
  const counts = new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
  for (
    let bucket = 0, end = digits.length;
    bucket < LATENCY_BUCKET_COUNT && end > 0;
    bucket++, end -= LATENCY_PACK_DIGITS
  ) {
    counts[bucket] = Number(digits.slice(Math.max(0, end - LATENCY_PACK_DIGITS), end));
  }
  return counts;
}
