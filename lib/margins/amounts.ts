/** Exact helpers on femtodollar amounts: splitting a total, percentiles, display ratios. */
import { divideRounded, type Femto } from "@/lib/money";

/**
 * Splits `total` in proportion to `weights`. Share i is round(total × W_i / W) − round(total × W_{i−1} / W)
 * with W_i the running sum of weights and half-even rounding: shares are never negative for a
 * non-negative total and always add up to `total` exactly. Null when the weights sum to zero.
 */
export function allocate(total: Femto, weights: readonly bigint[]): Femto[] | null {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum <= 0n) return null;
  let running = 0n;
  let previous = 0n;
  return weights.map((weight) => {
    running += weight;
    const upTo = divideRounded(total * running, sum);
    const share = upTo - previous;
    previous = upTo;
    return share;
  });
}

/** `amount × numerator / denominator`, rounded half-even to the femtodollar (or token). */
export function prorate(amount: bigint, numerator: number | bigint, denominator: number | bigint): bigint {
  return divideRounded(amount * BigInt(numerator), BigInt(denominator));
}

/**
 * Percentile `p` (0–100) of a list, by linear interpolation between closest ranks (numpy's default,
 * Excel's PERCENTILE.INC): rank h = p/100 × (n − 1), value = v⌊h⌋ + (h − ⌊h⌋)(v⌊h⌋+1 − v⌊h⌋),
 * the fractional step rounded half-even. Null for an empty list.
 */
export function percentile(values: readonly bigint[], p: number): bigint | null {
  if (values.length === 0) return null;
  if (!Number.isInteger(p) || p < 0 || p > 100)
    throw new RangeError(`percentile must be a whole number from 0 to 100: ${p}`);
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const scaled = p * (sorted.length - 1);
  const lowIndex = Math.floor(scaled / 100);
  const low = sorted[lowIndex]!;
  const high = sorted[Math.min(lowIndex + 1, sorted.length - 1)]!;
  return low + divideRounded((high - low) * BigInt(scaled - lowIndex * 100), 100n);
}

/** margin / revenue as a percentage with two decimals, for display only; null when revenue is 0. */
export function marginPercent(margin: Femto, revenue: Femto): number | null {
  if (revenue === 0n) return null;
  return Number(divideRounded(margin * 10_000n, revenue)) / 100;
}

/** part / whole as a fraction with six decimals, for display only; null when whole is 0. */
export function shareOf(part: Femto, whole: Femto): number | null {
  if (whole === 0n) return null;
  return Number(divideRounded(part * 1_000_000n, whole)) / 1_000_000;
}
