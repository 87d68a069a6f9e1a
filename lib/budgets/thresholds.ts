/** Which percentage thresholds an amount has reached, exactly (femtodollars, no floats). */
import type { Femto } from "@/lib/money";

export function crossedThresholds(value: Femto, limit: Femto, thresholds: readonly number[]): number[] {
  // value / limit >= t / 100  <=>  value * 100 >= t * limit
  return thresholds.filter((t) => value * 100n >= BigInt(t) * limit).sort((a, b) => a - b);
}

/** value / limit as a fraction with 4 decimals (display only). */
export function usedFraction(value: Femto, limit: Femto): number {
  return limit > 0n ? Number((value * 10_000n) / limit) / 10_000 : 0;
}
