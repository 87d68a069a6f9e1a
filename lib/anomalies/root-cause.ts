/**
 * Root causes: which customer, feature or model drove a deviation, ranked by their dollar
 * contribution to it. Exact (bigint femtodollars) throughout; only the shares are floats.
 */
import { divideRounded, type Femto } from "@/lib/money";
import { addDays, type Day } from "@/lib/calendar/days";
import type { DailyAggregateRow } from "./metrics";
import type { Dimension, Direction } from "./types";

export interface BreakdownEntry {
  dimension: Dimension;
  value: string;
  amount: Femto;
}

export interface Contributor {
  dimension: Dimension;
  value: string;
  actual: Femto;
  expected: Femto;
  /** actual - expected. */
  delta: Femto;
  /** delta / total delta of its dimension: 0.9 = "explains 90% of the change". */
  share: number;
  /** Nothing was expected from it (new customer, new model). */
  isNew: boolean;
  /** Expected, but nothing came. */
  vanished: boolean;
}

interface RootCauses {
  direction: Direction;
  /** Per dimension: actual total - expected total. */
  totalDelta: Record<Dimension, Femto>;
  /**
   * Contributors that moved in the anomaly's direction, largest first, at most topN each; none
   * where the dimension's total moved against it.
   */
  byDimension: Record<Dimension, Contributor[]>;
  /** The topN across all dimensions (each dimension partitions the same change). */
  top: Contributor[];
}

const DIMENSIONS: readonly Dimension[] = ["feature", "customer", "model"];

function sumBy(entries: readonly BreakdownEntry[], dimension: Dimension): Map<string, Femto> {
  const sums = new Map<string, Femto>();
  for (const e of entries) if (e.dimension === dimension) sums.set(e.value, (sums.get(e.value) ?? 0n) + e.amount);
  return sums;
}

/** A ratio of two bigints as a float, without overflowing Number for large femto amounts. */
function ratio(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) return numerator === 0n ? 0 : Math.sign(Number(numerator)) * Number.POSITIVE_INFINITY;
  return Number(divideRounded(numerator * 1_000_000n, denominator)) / 1_000_000;
}

export function rankContributors(input: {
  actual: readonly BreakdownEntry[];
  expected: readonly BreakdownEntry[];
  topN?: number;
  /** Defaults to the sign of the overall change. */
  direction?: Direction;
}): RootCauses {
  const topN = input.topN ?? 5;
  const totalDelta = {} as Record<Dimension, Femto>;
  const byDimension = {} as Record<Dimension, Contributor[]>;
  const all: Contributor[] = [];
  let overall = 0n;
  for (const dimension of DIMENSIONS) {
    const actual = sumBy(input.actual, dimension);
    const expected = sumBy(input.expected, dimension);
    const contributors: Contributor[] = [];
    let total = 0n;
    for (const value of new Set([...actual.keys(), ...expected.keys()])) {
      const a = actual.get(value) ?? 0n;
      const e = expected.get(value) ?? 0n;
      total += a - e;
      contributors.push({
        dimension,
        value,
        actual: a,
        expected: e,
        delta: a - e,
        share: 0,
        isNew: e === 0n && a > 0n,
        vanished: a === 0n && e > 0n,
      });
    }
    totalDelta[dimension] = total;
    for (const c of contributors) c.share = ratio(c.delta, total);
    byDimension[dimension] = contributors;
    if (overall === 0n) overall = total;
  }
  const direction = input.direction ?? (overall < 0n ? "down" : "up");
  const sign = direction === "up" ? 1n : -1n;
  const order = (a: Contributor, b: Contributor) => {
    const da = a.delta * sign;
    const db = b.delta * sign;
    if (da !== db) return da > db ? -1 : 1;
    return a.dimension === b.dimension ? a.value.localeCompare(b.value) : a.dimension.localeCompare(b.dimension);
  };
  for (const dimension of DIMENSIONS) {
    // A share is a part of the change in the anomaly's direction. When the dimension's total moved
    // the other way (cost per outcome fell because outcomes grew while cost rose), no contributor
    // explains the change: "−192% of the change" would be a quotient of two unrelated moves.
    const moved =
      totalDelta[dimension] * sign > 0n ? byDimension[dimension].filter((c) => c.delta * sign > 0n).sort(order) : [];
    all.push(...moved);
    byDimension[dimension] = moved.slice(0, topN);
  }
  return { direction, totalDelta, byDimension, top: all.sort(order).slice(0, topN) };
}

/** Cost of one day (or any set of rows) broken down by each dimension; outcome-only rows carry no cost. */
export function breakdownOf(rows: readonly DailyAggregateRow[]): BreakdownEntry[] {
  const entries: BreakdownEntry[] = [];
  for (const row of rows) {
    if (row.costFemto === 0n) continue;
    entries.push({ dimension: "feature", value: row.feature, amount: row.costFemto });
    entries.push({ dimension: "customer", value: row.customer, amount: row.costFemto });
    if (row.model !== null) entries.push({ dimension: "model", value: row.model, amount: row.costFemto });
  }
  return entries;
}

/** The mean of several days' breakdowns (exact, half-even rounded): the expected breakdown. */
export function averageBreakdown(days: readonly (readonly BreakdownEntry[])[]): BreakdownEntry[] {
  if (days.length === 0) return [];
  const sums = new Map<string, BreakdownEntry>();
  for (const day of days) {
    for (const e of day) {
      const id = `${e.dimension}\u0000${e.value}`;
      const current = sums.get(id);
      sums.set(id, { ...e, amount: (current?.amount ?? 0n) + e.amount });
    }
  }
  const count = BigInt(days.length);
  return [...sums.values()].map((e) => ({ ...e, amount: divideRounded(e.amount, count) }));
}

/** Baseline days for a root cause: the same weekday in each of the previous `weeks` weeks. */
export function sameWeekdayBefore(day: Day, weeks = 4): Day[] {
  return Array.from({ length: weeks }, (_, i) => addDays(day, -7 * (i + 1)));
}
