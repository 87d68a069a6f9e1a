/**
 * A budget's spend, read from the rollups (never raw events). Usage cost is the rollups'
 * cost_total over the slice; fully loaded adds the GPU idle cost: a project-wide budget takes
 * every pool-day's idle cost (gpu_pool_days, unallocated idle included, as the overview does),
 * a slice takes the idle cost allocated to its rows (gpu_idle_allocations).
 */
import type { Pool } from "pg";
import type { Dimension, Filters } from "@/lib/analytics/contracts";
import { periodFrom } from "@/lib/analytics/period-source";
import { filterDims, pickSource, rollupWhere, SqlParams } from "@/lib/analytics/sql";
import type { Day } from "@/lib/calendar/days";
import { usdToFemto, type Femto } from "@/lib/money";
import { SCOPE_DIMS, type BudgetScope, type CostBasis } from "../types";

interface SpendQuery {
  projectId: string;
  scope: BudgetScope;
  basis: CostBasis;
  from: Day;
  to: Day;
}

function scopeFilters(scope: BudgetScope): Filters {
  const filters: Filters = {};
  for (const dim of SCOPE_DIMS) if (scope[dim] !== undefined) filters[dim] = [scope[dim]!];
  return filters;
}

const femtoOf = (text: string | null | undefined): Femto => (text ? usdToFemto(text) : 0n);

/** The idle cost's FROM ... WHERE for the scope, or null for a usage-cost budget. */
function idleSource(params: SqlParams, query: SpendQuery): string | null {
  if (query.basis !== "fully_loaded") return null;
  const filters = scopeFilters(query.scope);
  if (filterDims(filters).length === 0) {
    return `FROM gpu_pool_days WHERE project_id = ${params.add(query.projectId)}::uuid AND day BETWEEN ${params.add(query.from)}::date AND ${params.add(query.to)}::date`;
  }
  return `FROM gpu_idle_allocations WHERE ${rollupWhere(params, query.projectId, query.from, query.to, filters)}`;
}

/** Spend per day of [from, to] (days without spend are absent). */
export async function dailySpend(pool: Pool, query: SpendQuery): Promise<Map<Day, Femto>> {
  const filters = scopeFilters(query.scope);
  const params = new SqlParams();
  const usage = `SELECT day, cost_total AS cost FROM ${pickSource(filterDims(filters))} WHERE ${rollupWhere(params, query.projectId, query.from, query.to, filters)}`;
  const idle = idleSource(params, query);
  const union = idle ? `${usage} UNION ALL SELECT day, idle_cost ${idle}` : usage;
  const { rows } = await pool.query<{ day: string; spend: string }>(
    `SELECT day::text AS day, sum(cost)::text AS spend FROM (${union}) AS spend_rows GROUP BY day`,
    params.values,
  );
  return new Map(rows.map((row) => [row.day, femtoOf(row.spend)]));
}

/**
 * The spend of the whole of [from, to] as one scalar SQL expression, by the cheapest path: a
 * slice with a customer reads the running totals (two index lookups per key, whatever the
 * period's length), others the smallest daily rollup. The budget check puts several of these in
 * one statement: one round trip however many budgets apply.
 */
function periodSpendSql(params: SqlParams, query: SpendQuery): string {
  const filters = scopeFilters(query.scope);
  const groupDims: Dimension[] = query.scope.customer !== undefined ? ["customer"] : [];
  const usage = `SELECT sum(cost_total) ${periodFrom(params, { projectId: query.projectId, from: query.from, to: query.to, filters, groupDims })}`;
  const idle = idleSource(params, query);
  return idle ? `coalesce((${usage}), 0) + coalesce((SELECT sum(idle_cost) ${idle}), 0)` : `coalesce((${usage}), 0)`;
}

/** Each query's spend over its period, in one statement. */
export async function periodSpends(pool: Pool, queries: readonly SpendQuery[]): Promise<Femto[]> {
  if (queries.length === 0) return [];
  const params = new SqlParams();
  const columns = queries.map((query, i) => `(${periodSpendSql(params, query)})::text AS s${i}`);
  const { rows } = await pool.query<Record<string, string>>(`SELECT ${columns.join(", ")}`, params.values);
  return queries.map((_, i) => femtoOf(rows[0]![`s${i}`]));
}
