/**
 * Axis scales and tick labels. Ticks are multiples of 1, 2 or 5 times a power of ten, built
 * from integers and printed from exact decimal text, so a tick never reads "$0.30000000000000004".
 */
import { formatMoneyCompact } from "@/lib/format/money";
import { formatCompact } from "@/lib/format/numbers";

type Unit = "usd" | "count" | "tokens";

export interface Tick {
  value: number;
  /** The tick's exact decimal text ("0.3"), for money formatting. */
  text: string;
}

export interface Scale {
  max: number;
  ticks: Tick[];
}

/** `mantissa * 10^exponent` as plain decimal text. */
function decimalText(mantissa: number, exponent: number): string {
  if (mantissa === 0) return "0";
  if (exponent >= 0) return `${mantissa}${"0".repeat(exponent)}`;
  const digits = String(mantissa).padStart(-exponent + 1, "0");
  const point = digits.length + exponent;
  return `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/\.?0+$/, "");
}

/** A "nice" scale from 0 covering `max` with about `target` intervals. */
export function niceScale(max: number, target = 4): Scale {
  if (!(max > 0) || !Number.isFinite(max))
    return { max: 1, ticks: [0, 1].map((value) => ({ value, text: String(value) })) };
  const rough = max / target;
  const exponent = Math.floor(Math.log10(rough));
  const base = rough / 10 ** exponent;
  const multiple = [1, 2, 2.5, 5, 10].find((candidate) => candidate >= base - 1e-9) ?? 10;
  // Work in integers of 10^(exponent-1) so that 2.5 stays exact.
  const stepUnits = Math.round(multiple * 10);
  const unitExponent = exponent - 1;
  const count = Math.ceil(max / (stepUnits * 10 ** unitExponent) - 1e-9);
  const ticks: Tick[] = [];
  for (let i = 0; i <= Math.max(count, 1); i++) {
    const text = decimalText(i * stepUnits, unitExponent);
    ticks.push({ value: Number(text), text });
  }
  return { max: ticks[ticks.length - 1]!.value, ticks };
}

const TICK_FORMATS: Record<Unit, (text: string) => string> = {
  usd: (text) => (text === "0" ? "$0" : formatMoneyCompact(text)),
  count: (text) => (text.includes(".") ? text : formatCompact(text)),
  tokens: (text) => (text.includes(".") ? text : formatCompact(text)),
};

export function formatTick(tick: Tick, unit: Unit): string {
  return TICK_FORMATS[unit](tick.text);
}

/** Show every k-th category label so at most `maxLabels` fit (the first label always shows). */
export function labelInterval(count: number, maxLabels: number): number {
  if (count <= maxLabels) return 1;
  return Math.ceil(count / maxLabels);
}
