/**
 * Ratios and period-over-period changes. The change is computed on exact decimal amounts
 * (bigint femtodollars or integer counts) and only the final ratio becomes a float.
 */
import { numberToFemto, usdToFemto } from "@/lib/money";

export type Direction = "up" | "down" | "flat" | "new" | "none";

export interface Change {
  direction: Direction;
  /** (current - previous) / previous, or null when there is no previous value to compare with. */
  ratio: number | null;
}

/** Which way is good for a metric: spend going up is bad, a cache hit rate going up is good. */
export type Polarity = "up-is-bad" | "up-is-good" | "neutral";
type Tone = "bad" | "good" | "neutral";

function exact(value: string | number | bigint): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return numberToFemto(value);
  return usdToFemto(value);
}

/**
 * Change between two amounts (decimal strings of dollars, or counts). A previous value of zero
 * gives "new" (something from nothing) rather than an infinite percentage; both zero is "none".
 * Changes under 0.05% in size read as flat.
 */
export function percentChange(current: string | number | bigint, previous: string | number | bigint): Change {
  const now = exact(current);
  const before = exact(previous);
  if (before === 0n) return { direction: now === 0n ? "none" : "new", ratio: null };
  // Ratio in millionths, computed exactly then scaled down once.
  const millionths = ((now - before) * 1_000_000n) / (before < 0n ? -before : before);
  const ratio = Number(millionths) / 1_000_000;
  if (Math.abs(ratio) < 0.0005) return { direction: "flat", ratio };
  return { direction: ratio > 0 ? "up" : "down", ratio };
}

/**
 * A rise beyond 10x (+1,000%) comes from a near-zero base ("+116,729%" from $0.0003 to $0.35):
 * the percentage says nothing, so it reads "n/m" (not meaningful) and the amounts speak.
 */
const NOT_MEANINGFUL_RATIO = 10;

const CHANGE_TEXT: Record<Direction, (ratio: number | null) => string> = {
  up: (ratio) => ((ratio ?? 0) > NOT_MEANINGFUL_RATIO ? "n/m" : `+${formatPercent(ratio ?? 0, 1)}`),
  down: (ratio) => `−${formatPercent(Math.abs(ratio ?? 0), 1)}`,
  flat: () => "0.0%",
  new: () => "new",
  none: () => "—",
};

/** "+12.3%", "−4.0%" (a real minus sign), "0.0%", "new", "—", "n/m" on a near-zero base. */
export function formatChange(change: Change): string {
  return CHANGE_TEXT[change.direction](change.ratio);
}

const TONES: Record<Polarity, Partial<Record<Direction, Tone>>> = {
  "up-is-bad": { up: "bad", new: "bad", down: "good" },
  "up-is-good": { up: "good", new: "good", down: "bad" },
  neutral: {},
};

export function changeTone(change: Change, polarity: Polarity): Tone {
  return TONES[polarity][change.direction] ?? "neutral";
}

/**
 * A ratio as a percentage: 0.4321 -> "43.2%". Large ratios drop the decimal ("1,250%"); tiny
 * non-zero ones say so ("<0.1%") instead of rounding to a misleading 0.0%.
 */
export function formatPercent(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return "—";
  const pct = ratio * 100;
  const smallest = 10 ** -digits;
  if (pct !== 0 && Math.abs(pct) < smallest) return `${pct < 0 ? ">-" : "<"}${smallest.toFixed(digits)}%`;
  const places = Math.abs(pct) >= 1000 ? 0 : digits;
  return `${pct.toLocaleString("en-US", { minimumFractionDigits: places, maximumFractionDigits: places })}%`;
}

/** part / whole as a ratio of two integer counts, or null when the whole is zero. */
export function ratioOf(part: number | string | bigint, whole: number | string | bigint): number | null {
  const w = integer(whole);
  if (w === 0n) return null;
  return Number((integer(part) * 1_000_000n) / w) / 1_000_000;
}

function integer(value: number | string | bigint): bigint {
  return typeof value === "number" ? BigInt(Math.round(value)) : BigInt(value);
}
