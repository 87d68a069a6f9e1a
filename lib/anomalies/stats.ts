/**
 * Robust statistics used by the detector. Plain float maths: these are statistics about a
 * series, never sums of money (money stays in bigint femtodollars, see lib/money).
 */

/** Scale factor that makes the MAD a consistent estimator of a normal distribution's sigma. */
const MAD_TO_SIGMA = 1.4826;

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Median of the values; NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation around `center` (the median by default); NaN for an empty list. */
export function mad(values: readonly number[], center = median(values)): number {
  return median(values.map((v) => Math.abs(v - center)));
}

/** Quantile with linear interpolation between order statistics (type 7, as R and numpy). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  if (q < 0 || q > 1) throw new RangeError(`quantile outside [0, 1]: ${q}`);
  const s = sorted(values);
  const position = (s.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return s[lower]! + (s[upper]! - s[lower]!) * (position - lower);
}

/**
 * Robust sigma of deviations around zero: the largest of
 *  - the MAD-based estimate (the classic, consistent for normal noise),
 *  - the 90th percentile of |deviation| / 1.645 (consistent too, but honest for heavy tails),
 *  - for sparse series, where most deviations are exactly zero and both of the above collapse,
 *    the median size of the non-zero deviations: a typical active day counts as one sigma.
 */
export function robustSigma(deviations: readonly number[]): number {
  if (deviations.length === 0) return Number.NaN;
  const magnitudes = deviations.map(Math.abs);
  const byMad = MAD_TO_SIGMA * median(magnitudes);
  const byTail = quantile(magnitudes, 0.9) / 1.645;
  const active = magnitudes.filter((m) => m > 0);
  const bySparse = active.length * 2 <= magnitudes.length && active.length > 0 ? median(active) : 0;
  return Math.max(byMad, byTail, bySparse);
}

interface TrendFit {
  /** Change per step (Theil–Sen: median of all pairwise slopes). */
  slope: number;
  /** Fitted value at index 0. */
  intercept: number;
}

/**
 * Theil–Sen line through (xs[i], values[i]) (xs defaults to 0, 1, 2, ...); robust to up to ~29%
 * outliers.
 */
export function theilSen(values: readonly number[], xs?: readonly number[]): TrendFit {
  const x = (i: number): number => (xs ? xs[i]! : i);
  const slopes: number[] = [];
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      if (x(j) !== x(i)) slopes.push((values[j]! - values[i]!) / (x(j) - x(i)));
    }
  }
  const slope = slopes.length > 0 ? median(slopes) : 0;
  const intercept = values.length > 0 ? median(values.map((v, i) => v - slope * x(i))) : 0;
  return { slope, intercept };
}

/**
 * Mann–Kendall trend test: the normal score of S = sum of sign(x_j - x_i) over i < j, with the
 * tie correction of the variance and the usual continuity correction. |z| > 3 is a monotone trend
 * at roughly the 0.3% level for independent observations.
 */
export function mannKendallZ(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - values[i]!);
  }
  const ties = new Map<number, number>();
  for (const v of values) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  if (variance <= 0 || s === 0) return 0;
  return (s > 0 ? s - 1 : s + 1) / Math.sqrt(variance);
}
