/**
 * Money for people. Amounts arrive from the read API as exact decimal strings of dollars and are
 * formatted through lib/money's bigint femtodollars, never through floats, so a $1,234,567.89
 * total and a $0.0000042 request cost both print exactly what the ledger holds (rounded once).
 */
import { divideRounded, femtoToUsd, formatUsd, usdToFemto, type Femto } from "@/lib/money";

const FEMTO_PER_USD = 10n ** 15n;
const FEMTO_PER_CENT = 10n ** 13n;
/** Below this many decimal places a non-zero amount reads as "<$0.000001". */
const MAX_SMALL_DIGITS = 8;

type MoneyInput = string | Femto;

function toFemto(value: MoneyInput): Femto {
  return typeof value === "bigint" ? value : usdToFemto(value);
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/** Trims trailing zeros of the fraction but keeps at least `keep` places ("$0.0120" -> "$0.012"). */
function trimFraction(text: string, keep: number): string {
  const point = text.indexOf(".");
  if (point < 0) return text;
  let end = text.length;
  while (end > point + 1 + keep && text[end - 1] === "0") end--;
  return text.slice(0, end);
}

/**
 * A dollar amount with the precision it deserves: cents from one cent up ("$12,345.67",
 * "$0.42"); below a cent, three significant digits ("$0.00421", "$0.0000125"), so a cost per
 * request never shows as $0.00. Exact zero is "$0.00". Anything below 1e-8 reads "<$0.00000001".
 */
export function formatMoney(value: MoneyInput, options: { significant?: number } = {}): string {
  const femto = toFemto(value);
  if (femto === 0n) return "$0.00";
  const magnitude = abs(femto);
  if (magnitude >= FEMTO_PER_CENT) return formatUsd(femto, 2);
  const significant = options.significant ?? 3;
  // Decimal places needed so that `significant` digits show: zeros after the point, then digits.
  const leadingZeros = 15 - magnitude.toString().length;
  const places = leadingZeros + significant;
  if (leadingZeros >= MAX_SMALL_DIGITS) {
    return `${femto < 0n ? "-" : ""}<$0.${"0".repeat(MAX_SMALL_DIGITS - 1)}1`;
  }
  return trimFraction(formatUsd(femto, Math.min(places, 15)), 2);
}

/**
 * A unit cost (per request, per event, per token): three significant digits below a dollar
 * ("$0.0191", "$0.125", "$0.00242") so that neighbouring rows compare at the same precision;
 * cents from a dollar up. Totals use formatMoney.
 */
export function formatUnitMoney(value: MoneyInput): string {
  const femto = toFemto(value);
  if (femto === 0n) return "$0.00";
  if (abs(femto) >= FEMTO_PER_USD) return formatUsd(femto, 2);
  const leadingZeros = 15 - abs(femto).toString().length;
  if (leadingZeros >= MAX_SMALL_DIGITS) return formatMoney(femto);
  return trimFraction(formatUsd(femto, Math.min(leadingZeros + 3, 15)), 2);
}

const COMPACT_UNITS: readonly [bigint, string][] = [
  [10n ** 12n, "T"],
  [10n ** 9n, "B"],
  [10n ** 6n, "M"],
  [10n ** 3n, "k"],
];

/**
 * Short money for chart axes and dense cells: "$1.2k", "$3.45M", "$950", "$0.42". One decimal
 * (two below 10 of the unit) keeps ticks distinct; the rounding is half-even on exact values.
 */
export function formatMoneyCompact(value: MoneyInput): string {
  const femto = toFemto(value);
  const magnitude = abs(femto);
  const sign = femto < 0n ? "-" : "";
  for (let i = 0; i < COMPACT_UNITS.length; i++) {
    const [unit, suffix] = COMPACT_UNITS[i]!;
    const unitFemto = unit * FEMTO_PER_USD;
    if (magnitude < unitFemto) continue;
    const places = magnitude < unitFemto * 10n ? 2 : 1;
    const step = unitFemto / 10n ** BigInt(places);
    const rounded = divideRounded(magnitude, step);
    // Rounding can carry into the next unit (999.96k): the larger unit prints it.
    if (rounded >= 1000n * 10n ** BigInt(places) && i > 0) {
      return `${sign}$1${COMPACT_UNITS[i - 1]![1]}`;
    }
    return `${sign}$${trimFraction(decimalText(rounded, places), 0).replace(/\.$/, "")}${suffix}`;
  }
  if (magnitude >= FEMTO_PER_USD * 100n) return `${sign}${formatUsd(magnitude, 0)}`;
  return formatMoney(value);
}

/** An integer count of 10^-places units as a plain decimal ("12345", 2 -> "123.45"). */
function decimalText(scaled: bigint, places: number): string {
  if (places === 0) return scaled.toString();
  const digits = scaled.toString().padStart(places + 1, "0");
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** Exact sum of decimal-string dollars. */
export function sumMoney(values: Iterable<MoneyInput>): string {
  let total = 0n;
  for (const value of values) total += toFemto(value);
  return femtoToUsd(total);
}

/** Exact comparison of two decimal-string amounts, for sorting: negative, zero or positive. */
export function compareMoney(a: MoneyInput, b: MoneyInput): number {
  const diff = toFemto(a) - toFemto(b);
  if (diff === 0n) return 0;
  return diff < 0n ? -1 : 1;
}
