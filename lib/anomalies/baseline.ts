/**
 * The seasonal baseline: expected(day) = level x weekdayFactor(weekday).
 * Multiplicative, because AI spend scales with traffic and weekends scale it down.
 */
import { median } from "./stats";

/** Weekdays whose factor is below this are "closed" (e.g. no traffic on Sundays). */
export const MIN_FACTOR = 0.2;
export const FLAT_SEASON: readonly number[] = Object.freeze([1, 1, 1, 1, 1, 1, 1]);

/**
 * Weekday factors (mean 1) by ratio-to-moving-average, the classical decomposition that STL
 * refines: each day is divided by the centred 7-day mean around it (which has no weekly pattern),
 * and each weekday's factor is the median of its ratios, so one spike cannot move it.
 * `values` are consecutive days, `weekdays[i]` the ISO weekday (0 = Monday) of values[i].
 * Weekdays without a ratio fall back to their median relative to the overall median.
 * Intermittent series (half the days or more at zero) get flat factors.
 */
export function weekdayFactors(values: readonly (number | null)[], weekdays: readonly number[]): number[] {
  const present = values.filter((v): v is number => v !== null);
  // An intermittent series (mostly zero days) has no weekly shape to learn: a few active days
  // would make one weekday look huge.
  if (present.filter((v) => v === 0).length * 2 >= present.length) return [...FLAT_SEASON];
  const ratios: number[][] = [[], [], [], [], [], [], []];
  for (let i = 3; i + 3 < values.length; i++) {
    const window = values.slice(i - 3, i + 4);
    if (window.some((v) => v === null)) continue;
    const centred = (window as number[]).reduce((a, b) => a + b, 0) / 7;
    if (centred > 0) ratios[weekdays[i]!]!.push(values[i]! / centred);
  }
  const overall = median(present);
  const factors = ratios.map((list, weekday) => {
    if (list.length > 0) return median(list);
    const same = values.filter((v, i): v is number => v !== null && weekdays[i] === weekday);
    return same.length > 0 && overall > 0 ? median(same) / overall : 1;
  });
  const mean = factors.reduce((a, b) => a + b, 0) / 7;
  return mean > 0 ? factors.map((f) => f / mean) : [...FLAT_SEASON];
}

/** Divisor that turns a day's residual into a weekday-free ("unit") residual and back. */
export function scaleFactor(weekdayFactor: number): number {
  return Math.max(weekdayFactor, MIN_FACTOR);
}

/**
 * Level: median of the deseasonalised values (value / weekday factor), skipping closed weekdays
 * whose factor would blow small values up. NaN when nothing usable is left.
 */
export function robustLevel(
  values: readonly (number | null)[],
  weekdays: readonly number[],
  season: readonly number[],
): number {
  const deseasonalised: number[] = [];
  values.forEach((v, i) => {
    const factor = season[weekdays[i]!]!;
    if (v !== null && factor >= MIN_FACTOR) deseasonalised.push(v / factor);
  });
  return median(deseasonalised);
}
