/**
 * Top N plus "Other": the N largest items by an exact decimal amount, and one more item that
 * holds the exact sum of the rest (so the parts always add up to the total shown). Ties break
 * by key so the result does not depend on the order the API happened to return.
 */
import { compareUsd, sumUsd } from "./decimal";

export const OTHER_LABEL = "Other";

interface Amount {
  key: string;
  amount: string;
}

interface Folded<T extends Amount> {
  top: T[];
  /** Null when nothing was left over. */
  other: { key: string; amount: string; count: number; keys: string[] } | null;
}

export function byAmountDesc<T extends Amount>(a: T, b: T): number {
  return compareUsd(b.amount, a.amount) || compareKeys(a.key, b.key);
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function foldTopN<T extends Amount>(items: readonly T[], n: number, otherKey = "__other__"): Folded<T> {
  const sorted = [...items].sort(byAmountDesc);
  // Folding a single item into "Other" hides a name for no gain: show it instead.
  const keep = sorted.length === n + 1 ? n + 1 : n;
  const top = sorted.slice(0, keep);
  const rest = sorted.slice(keep);
  if (rest.length === 0) return { top, other: null };
  return {
    top,
    other: {
      key: otherKey,
      amount: sumUsd(rest.map((item) => item.amount)),
      count: rest.length,
      keys: rest.map((item) => item.key),
    },
  };
}
