/**
 * Fully loaded cost: every cost the company pays for a period, put on the usage that caused it.
 *
 * - A GPU pool's bill for the period (N GPUs × hours held × rate) is its busy cost (already on
 *   the events that ran on it, as their GPU cost) plus its idle cost. Idle follows the pool's
 *   rule: `proportional` (default) splits it over the period's users of the pool by busy
 *   GPU-seconds; `overhead` keeps it as a named unallocated line. A proportional pool no one
 *   used in the period has nothing to split by: its idle becomes an overhead line too.
 * - A fixed cost a finance lead adds (platform fee, a committed-use discount as a negative amount)
 *   follows the same two rules, split by each key's usage cost.
 *
 * Every split is largest-remainder over exact femtodollars, so for every pool
 * busy + allocated idle + unallocated = bill, and for every fixed cost allocated + unallocated =
 * amount, exactly. Keys are opaque to this module (the margins use customer and feature; a
 * budget may use a feature or a team), so any report can load its costs with it.
 */
import { dayCount, type Day } from "../calendar/days";
import { clipToMonth, daysInMonth, firstDayOf, intersect, lastDayOf, monthOf, monthsOf } from "../calendar/months";
import { divideRounded, type Femto } from "../money";
import { allocateByWeight } from "./allocate";

/** The dimensions a key is made of (margins: customer and feature; a budget: feature). */
export type KeyDimension = "customer" | "feature";

/** A key from its dimensions' values, joined by NUL as every caller builds its `usage` keys. */
export const keyOf = (...values: string[]): string => values.join("\u0000");

export interface LoadPeriod {
  from: Day;
  to: Day;
}

/**
 * A monthly amount in force from month `from` through month `to` (first days; `to` null: still in
 * force), for the days of the period it covers: each month contributes amount × covered days /
 * days in the month.
 */
export function periodShare(monthly: Femto, from: Day, to: Day | null, period: LoadPeriod): Femto {
  const inForce = { from: firstDayOf(monthOf(from)), to: to === null ? period.to : lastDayOf(monthOf(to)) };
  const covered = intersect(inForce, period);
  if (covered === null) return 0n;
  let total = 0n;
  for (const month of monthsOf(covered)) {
    const part = clipToMonth(covered, month)!;
    total += divideRounded(monthly * BigInt(dayCount(part.from, part.to)), BigInt(daysInMonth(month)));
  }
  return total;
}

export type AllocationRule = "proportional" | "overhead";
export const ALLOCATION_RULES: readonly AllocationRule[] = ["proportional", "overhead"];

export interface PoolUse {
  key: string;
  /** GPU time the key's events used on the pool in the period, microseconds: the idle weight. */
  busyMicros: bigint;
}

export interface PoolBill {
  pool: string;
  rule: AllocationRule;
  /** What the pool cost for the period, busy and idle. */
  bill: Femto;
  /** The events' own GPU cost on the pool, already in their usage cost. */
  busy: Femto;
  uses: readonly PoolUse[];
}

export interface FixedCost {
  name: string;
  rule: AllocationRule;
  /** For the period (already prorated); negative for a discount. */
  amount: Femto;
}

export interface KeyUsage {
  key: string;
  /** The key's usage cost in the period: the weight of fixed costs. */
  usageCost: Femto;
}

export interface PoolAccount {
  pool: string;
  rule: AllocationRule;
  bill: Femto;
  busy: Femto;
  idle: Femto;
  allocatedIdle: Femto;
  unallocated: Femto;
}

export interface FixedAccount extends FixedCost {
  allocated: Femto;
  unallocated: Femto;
}

export interface OverheadLine {
  name: string;
  amount: Femto;
}

export interface FullyLoaded {
  /** Per key, the cost added to its usage cost: idle shares plus fixed-cost shares. */
  extra: Map<string, Femto>;
  pools: PoolAccount[];
  fixed: FixedAccount[];
  /** Costs kept unallocated, one named line each. */
  overhead: OverheadLine[];
}

export function allocateFullyLoaded(input: {
  pools: readonly PoolBill[];
  fixedCosts: readonly FixedCost[];
  usage: readonly KeyUsage[];
}): FullyLoaded {
  const extra = new Map<string, Femto>();
  const add = (key: string, amount: Femto) => extra.set(key, (extra.get(key) ?? 0n) + amount);
  const overhead: OverheadLine[] = [];
  const pools = input.pools.map((pool): PoolAccount => {
    const { busy } = pool;
    const idle = pool.bill - busy;
    const uses = pool.uses.filter((use) => use.busyMicros > 0n);
    const split =
      pool.rule === "proportional" && uses.length > 0
        ? allocateByWeight(
            idle,
            uses.map((use) => use.busyMicros),
          )
        : null;
    if (split) uses.forEach((use, index) => add(use.key, split[index]!));
    else if (idle !== 0n)
      overhead.push({
        name: `GPU pool ${pool.pool}: idle${pool.rule === "overhead" ? "" : " (no usage to split it by)"}`,
        amount: idle,
      });
    return {
      pool: pool.pool,
      rule: pool.rule,
      bill: pool.bill,
      busy,
      idle,
      allocatedIdle: split ? idle : 0n,
      unallocated: split ? 0n : idle,
    };
  });
  const weighted = input.usage.filter((use) => use.usageCost > 0n);
  const fixed = input.fixedCosts.map((cost): FixedAccount => {
    const split =
      cost.rule === "proportional" && weighted.length > 0
        ? allocateByWeight(
            cost.amount,
            weighted.map((use) => use.usageCost),
          )
        : null;
    if (split) weighted.forEach((use, index) => add(use.key, split[index]!));
    else if (cost.amount !== 0n) overhead.push({ name: cost.name, amount: cost.amount });
    return { ...cost, allocated: split ? cost.amount : 0n, unallocated: split ? 0n : cost.amount };
  });
  return { extra, pools, fixed, overhead };
}

/** Everything the period cost beyond usage cost: pools' idle time and fixed costs, allocated or not. */
export function costBeyondUsage(loaded: Pick<FullyLoaded, "pools" | "fixed">): Femto {
  return (
    loaded.pools.reduce((sum, pool) => sum + pool.idle, 0n) + loaded.fixed.reduce((sum, cost) => sum + cost.amount, 0n)
  );
}
