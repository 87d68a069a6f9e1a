import type { Femto } from "@/lib/money";
import type { Day } from "@/lib/calendar/days";
import type { Month } from "@/lib/calendar/months";
import { TOKEN_CLASSES, type TokenClass } from "@/lib/token-classes";

/** Token counts by class; a missing class means zero. Counts are non-negative safe integers. */
export type TokenCounts = Partial<Record<TokenClass, number>>;

/** One row of the daily usage rollup for one customer: one feature, one model, one UTC day. */
export interface UsageAggregate {
  day: Day;
  feature: string;
  model: string;
  requests: number;
  tokens: TokenCounts;
  /** Cost of the day's events as priced at ingest: tokens plus GPU time. */
  cost: Femto;
  /** Requests whose cost is unknown (no price yet); their cost is not in `cost`. */
  unpricedRequests?: number;
}

/** One row of the daily outcome rollup for one customer: one feature, one outcome type, one UTC day. */
export interface OutcomeAggregate {
  day: Day;
  feature: string;
  outcomeType: string;
  /** Sum of the outcome events' quantities (whole units). */
  count: number;
  /** Sum of the outcome events' optional values (what the outcome was worth to the customer). */
  value: Femto;
}

/** Everything the margin engine needs to know about one customer over a period, from daily rollups. */
export interface CustomerPeriodUsage {
  customer: string;
  usage: UsageAggregate[];
  outcomes: OutcomeAggregate[];
}

/** Actual revenue for one customer and one calendar month, imported from billing (CSV). */
export interface ImportedRevenue {
  customer: string;
  month: Month;
  revenue: Femto;
}

export function totalTokens(tokens: TokenCounts): number {
  let sum = 0;
  for (const tokenClass of TOKEN_CLASSES) sum += tokens[tokenClass] ?? 0;
  return sum;
}

/** One `CustomerPeriodUsage` per customer, from usage already grouped by customer and flat outcome rows. */
export function groupByCustomer(
  usage: ReadonlyMap<string, UsageAggregate[]>,
  outcomes: readonly (OutcomeAggregate & { customer: string })[],
  customers: readonly string[] = [],
): CustomerPeriodUsage[] {
  const byCustomer = new Map<string, CustomerPeriodUsage>();
  const entry = (customer: string): CustomerPeriodUsage => {
    let found = byCustomer.get(customer);
    if (!found) byCustomer.set(customer, (found = { customer, usage: [], outcomes: [] }));
    return found;
  };
  for (const customer of customers) entry(customer);
  for (const [customer, rows] of usage) {
    const target = entry(customer).usage;
    for (const row of rows) target.push(row);
  }
  for (const { customer, ...row } of outcomes) entry(customer).outcomes.push(row);
  return [...byCustomer.values()].sort((a, b) => compareText(a.customer, b.customer));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
