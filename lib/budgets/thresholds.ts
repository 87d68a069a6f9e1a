/** Which percentage thresholds an amount has reached, exactly (femtodollars, no floats). */
import type { Femto } from "@/lib/money";

export function crossedThresholds(value: Femto, limit: Femto, thresholds: readonly number[]): number[] {
  // value / limit >= t / 100  <=>  value * 100 >= t * limit
  return thresholds.filter((t) => value * 100n >= BigInt(t) * limit).sort((a, b) => a - b);
}

/**
 * The forecast thresholds the projection reaches, less those the spend itself has already
 * crossed as an actual threshold: "forecast to reach 100%" adds nothing to "reached 100%".
 */
export function forecastCrossings(
  spent: Femto,
  projected: Femto,
  limit: Femto,
  thresholds: { actual: readonly number[]; forecast: readonly number[] },
): number[] {
  const reached = new Set(crossedThresholds(spent, limit, thresholds.actual));
  return crossedThresholds(projected, limit, thresholds.forecast).filter((t) => !reached.has(t));
}

/** value / limit as a fraction with 4 decimals (display only). */
export function usedFraction(value: Femto, limit: Femto): number {
  return limit > 0n ? Number((value * 10_000n) / limit) / 10_000 : 0;
}
