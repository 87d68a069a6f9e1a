/** Exact decimal-dollar arithmetic for the chart preparers (bigint femtodollars underneath). */
import { femtoToUsd, usdToFemto } from "@/lib/money";

export function addUsd(a: string, b: string): string {
  return femtoToUsd(usdToFemto(a) + usdToFemto(b));
}

export function sumUsd(values: Iterable<string>): string {
  let total = 0n;
  for (const value of values) total += usdToFemto(value);
  return femtoToUsd(total);
}

export function compareUsd(a: string, b: string): number {
  const diff = usdToFemto(a) - usdToFemto(b);
  if (diff === 0n) return 0;
  return diff < 0n ? -1 : 1;
}

/** A bar's height: a float is fine for geometry, never for a label or a sum. */
export function usdToNumber(value: string): number {
  return Number(value);
}
