/**
 * Loads a period's fully loaded cost inputs from the database and allocates them
 * (lib/pricing/fully-loaded.ts): each GPU pool's bill and busy cost from gpu_pool_days, its
 * users' busy GPU-seconds from gpu_idle_allocations (both written by the GPU idle job), the
 * pool's idle rule, and the fixed costs in force, prorated by days to the period.
 *
 * `keyBy` names the dimensions a key is made of (for margins: customer and feature; for a
 * budget: feature), joined by NUL, the same way the caller builds its `usage` keys.
 */
import type { Pool } from "pg";
import { usdToFemto } from "@/lib/money";
import {
  allocateFullyLoaded,
  keyOf,
  periodShare,
  type AllocationRule,
  type FixedCost,
  type FullyLoaded,
  type KeyDimension,
  type KeyUsage,
  type LoadPeriod,
  type PoolBill,
} from "../fully-loaded";
import { secondsTextToMicros } from "./gpu-price";

/**
 * The one entry point for every report that shows fully loaded cost. `usage` may still be
 * loading: the bills are read meanwhile (the margins report reads both at once).
 */
export async function loadFullyLoadedCost(
  pool: Pool,
  projectId: string,
  period: LoadPeriod,
  keyBy: readonly KeyDimension[],
  usage: readonly KeyUsage[] | Promise<readonly KeyUsage[]>,
): Promise<FullyLoaded> {
  const [pools, fixedCosts, keyUsage] = await Promise.all([
    loadPoolBills(pool, projectId, period, keyBy),
    loadFixedCosts(pool, projectId, period),
    usage,
  ]);
  return allocateFullyLoaded({ pools, fixedCosts, usage: keyUsage });
}

async function loadPoolBills(
  pool: Pool,
  projectId: string,
  period: LoadPeriod,
  keyBy: readonly KeyDimension[],
): Promise<PoolBill[]> {
  const columns = keyBy.join(", ");
  const [bills, uses] = await Promise.all([
    pool.query<{ pool: string; bill: string; busy: string; idle_rule: string | null }>(
      `SELECT d.pool, sum(d.whole_cost)::text AS bill, sum(d.busy_cost)::text AS busy, min(r.idle_rule) AS idle_rule
         FROM gpu_pool_days d LEFT JOIN gpu_pool_rules r ON r.project_id = d.project_id AND r.pool = d.pool
        WHERE d.project_id = $1 AND d.day BETWEEN $2::date AND $3::date
        GROUP BY d.pool ORDER BY d.pool`,
      [projectId, period.from, period.to],
    ),
    pool.query<Record<string, string>>(
      `SELECT pool, ${columns}, sum(gpu_seconds)::text AS seconds
         FROM gpu_idle_allocations
        WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date
        GROUP BY pool, ${columns} ORDER BY pool, ${columns}`,
      [projectId, period.from, period.to],
    ),
  ]);
  return bills.rows.map((row) => ({
    pool: row.pool,
    rule: (row.idle_rule ?? "proportional") as AllocationRule,
    bill: usdToFemto(row.bill),
    busy: usdToFemto(row.busy),
    uses: uses.rows
      .filter((use) => use.pool === row.pool)
      .map((use) => ({
        key: keyOf(...keyBy.map((column) => use[column]!)),
        busyMicros: secondsTextToMicros(use.seconds!),
      })),
  }));
}

async function loadFixedCosts(pool: Pool, projectId: string, period: LoadPeriod): Promise<FixedCost[]> {
  const { rows } = await pool.query<{
    name: string;
    rule: AllocationRule;
    monthly: string;
    from: string;
    to: string | null;
  }>(
    `SELECT name, rule, monthly_amount::text AS monthly, effective_from::text AS "from", effective_to::text AS "to"
       FROM fixed_costs
      WHERE project_id = $1 AND effective_from <= $3::date AND (effective_to IS NULL OR effective_to + interval '1 month' > $2::date)
      ORDER BY effective_from, name, id`,
    [projectId, period.from, period.to],
  );
  return rows.map((row) => ({
    name: row.name,
    rule: row.rule,
    amount: periodShare(usdToFemto(row.monthly), row.from, row.to, period),
  }));
}
