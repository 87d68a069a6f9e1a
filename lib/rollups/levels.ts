/**
 * The usage rollup levels, each holding every measure of measures.ts per key and period, and
 * the running totals kept beside two of them. Readers pick a level (lib/analytics/sql.ts
 * pickSource, lib/analytics/period-source.ts); writers never name one: applyUsageDeltas
 * (write.ts) keeps all of them from the same deltas.
 */

/** The full key of a usage event's rollup row, besides project and day. */
export const FULL_KEY = ["feature", "customer", "provider", "model"] as const;
export type KeyColumn = (typeof FULL_KEY)[number];

export interface PeriodLevel {
  table: string;
  keys: readonly KeyColumn[];
  /** The period column: a day, or the first day of a calendar month. */
  period: "day" | "month";
}

export const PERIOD_LEVELS: readonly PeriodLevel[] = [
  { table: "usage_daily", keys: FULL_KEY, period: "day" },
  { table: "usage_daily_model", keys: ["feature", "provider", "model"], period: "day" },
  { table: "usage_daily_customer", keys: ["customer"], period: "day" },
  // The margins report's read model: plans charge per calendar month.
  { table: "usage_monthly", keys: FULL_KEY, period: "month" },
  // The same summed over providers and models, for a report whose plans never count tokens.
  { table: "usage_monthly_feature", keys: ["feature", "customer"], period: "month" },
];

/**
 * Running totals per key: a row on every day the key changed, holding the sums of all its days
 * up to that day, so a period's sums per key cost two index lookups whatever its length. The
 * keys table lists each key with its first and last day; its rows are the locks that make
 * writers of one key take turns.
 */
export interface RunningLevel {
  table: string;
  keysTable: string;
  keys: readonly KeyColumn[];
}

/** Smallest first: the customer-only level serves queries with no other dimension. */
export const RUNNING_LEVELS: readonly RunningLevel[] = [
  { table: "usage_cumulative_customer", keysTable: "usage_cumulative_customer_keys", keys: ["customer"] },
  { table: "usage_cumulative", keysTable: "usage_cumulative_keys", keys: FULL_KEY },
];
