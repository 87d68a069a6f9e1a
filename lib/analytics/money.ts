/**
 * Money as the read API shows it: exact decimal strings of dollars from PostgreSQL numeric,
 * with trailing zeros beyond the cents trimmed. Arithmetic goes through lib/money femtodollars.
 */
import { divideRounded, trimToCents, usdJson, usdToFemto, type Femto } from "@/lib/money";

/** "12.340000000000000" -> "12.34", "0.000000125000000" -> "0.000000125", null -> "0.00". */
export function money(numeric: string | null | undefined): string {
  return numeric === null || numeric === undefined ? "0.00" : trimToCents(numeric);
}

export function femto(numeric: string | null | undefined): Femto {
  return numeric ? usdToFemto(numeric) : 0n;
}

/** Exact per-unit amount (half-even to the femtodollar), null when there are no units. */
export function perUnit(total: string | Femto, units: number): string | null {
  if (units <= 0) return null;
  return usdJson(divideRounded(typeof total === "bigint" ? total : femto(total), BigInt(units)));
}

/** Percentage change from `previous` to `current`, 2 decimals; null when previous is zero. */
export function changePct(current: string | Femto, previous: string | Femto | null): number | null {
  if (previous === null) return null;
  const before = typeof previous === "bigint" ? previous : femto(previous);
  if (before === 0n) return null;
  const after = typeof current === "bigint" ? current : femto(current);
  return Number(divideRounded((after - before) * 10_000n, before)) / 100;
}

/** part / whole as a fraction with 6 significant decimals; null when whole is zero. */
export function share(part: string, whole: string): number | null {
  const denominator = femto(whole);
  if (denominator === 0n) return null;
  return Number(divideRounded(femto(part) * 1_000_000n, denominator)) / 1_000_000;
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
