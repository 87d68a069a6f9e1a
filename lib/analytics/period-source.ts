/**
 * Where a query that sums a whole period per group reads from. Groups by customer read the
 * running totals (usage_cumulative): a key's sums over [from, to] are its latest
 * running row on or before `to` minus its latest before `from`, two index lookups per key
 * whatever the period's length, where the daily customer rows grow with it (90 days of 2,000
 * customers are 180,000 rows). Every other grouping reads the daily rollup pickSource picks:
 * it has few keys per day.
 */
import { MEASURE_COLUMNS } from "@/lib/rollups/measures";
import { RUNNING_LEVELS, type RunningLevel } from "@/lib/rollups/levels";
import type { Dimension, Filters } from "./contracts";
import { filterDims, pickSource, rollupWhere, type SourceMode, type SqlParams } from "./sql";

interface PeriodSourceInput {
  projectId: string;
  from: string;
  to: string;
  filters: Filters;
  /** The dimensions the query groups by. */
  groupDims: readonly Dimension[];
  source?: SourceMode;
}

/** The running level that serves the query, if one does. */
function runningLevel(input: PeriodSourceInput): RunningLevel | undefined {
  if ((input.source ?? "levels") !== "levels" || !input.groupDims.includes("customer")) return undefined;
  const needed = [...input.groupDims, ...filterDims(input.filters)];
  return RUNNING_LEVELS.find((level) => needed.every((dim) => level.keys.includes(dim)));
}

/** `FROM ... WHERE ...` yielding rollup-shaped rows (measures and dimensions, no day) for the period. */
export function periodFrom(params: SqlParams, input: PeriodSourceInput): string {
  const level = runningLevel(input);
  if (level) return `FROM ${runningPeriodRows(params, input, level)} WHERE events <> 0`;
  const mode = input.source ?? "levels";
  const needed = [...input.groupDims, ...filterDims(input.filters)];
  return `FROM ${pickSource(needed, mode)} WHERE ${rollupWhere(params, input.projectId, input.from, input.to, input.filters, mode)}`;
}

/**
 * Whether periodFrom's rows are already one per group (a running level keyed by exactly the
 * group's dimensions): the query can then select them as they are, without a GROUP BY, which
 * was a sixth of a customer breakdown's SQL time.
 */
export function periodRowsArePerGroup(input: PeriodSourceInput): boolean {
  const level = runningLevel(input);
  return level !== undefined && level.keys.length === input.groupDims.length;
}

/**
 * One row per key whose changed days span the period: its running row at `to` minus its
 * running row before `from` (none: zero). The keys table's first and last changed day skip keys
 * that cannot have changed in the period; a key without events in it (none there, or all
 * deleted) has 0 events and is dropped, as the daily rollups drop rows left without events.
 *
 * Each bound is found the cheap way where it can be, an ORDER BY ... LIMIT 1 probe per key
 * (about 8 µs each, 2,000 customers × 2 bounds × 2 periods was most of a customer breakdown)
 * only where it cannot:
 * - at `to`: a key that last changed on or before `to` has its running row on its last day,
 *   one equality lookup; a key that changed later, its row on `to` if it changed that day;
 * - before `from`: its row on the day before `from`, if it changed that day.
 * A day's rows are one range of the level's day index. A key found by none of these (a row
 * missing on its last day would be one: lib/rollups never deletes running rows) gets the probe.
 */
function runningPeriodRows(params: SqlParams, input: PeriodSourceInput, level: RunningLevel): string {
  const project = params.add(input.projectId);
  const first = params.add(input.from);
  const last = params.add(input.to);
  const sameKey = (row: string) => level.keys.map((column) => `${row}.${column} = k.${column}`).join(" AND ");
  const probe = (bound: string, when: string) =>
    `LEFT JOIN LATERAL (SELECT ${MEASURE_COLUMNS.join(", ")} FROM ${level.table} AS r
       WHERE ${when} AND r.project_id = k.project_id AND ${sameKey("r")} AND r.day ${bound} ORDER BY r.day DESC LIMIT 1)`;
  const keyOf = (row: string) => `${row}.${level.keys[0]}`;
  const filters = filterDims(input.filters).map(
    (dim) => ` AND k.${dim} = ANY(${params.add(input.filters[dim])}::text[])`,
  );
  const rowOn = (alias: string, day: string, when = "true") =>
    `LEFT JOIN ${level.table} AS ${alias} ON ${alias}.project_id = k.project_id AND ${sameKey(alias)} AND ${alias}.day = ${day} AND ${when}`;
  const measure = (column: string) =>
    `coalesce(on_last.${column}, on_to.${column}, at_end.${column})` +
    ` - coalesce(on_day_before.${column}, at_start.${column}, 0) AS ${column}`;
  return `(SELECT ${level.keys.map((column) => `k.${column}`).join(", ")}, ${MEASURE_COLUMNS.map(measure).join(", ")}
    FROM ${level.keysTable} AS k
    ${rowOn("on_last", "k.last_day", `k.last_day <= ${last}::date`)}
    ${rowOn("on_to", `${last}::date`, `k.last_day > ${last}::date`)}
    ${probe(`<= ${last}::date`, `${keyOf("on_last")} IS NULL AND ${keyOf("on_to")} IS NULL`)} AS at_end ON true
    ${rowOn("on_day_before", `${first}::date - 1`)}
    ${probe(`< ${first}::date`, `k.first_day < ${first}::date AND ${keyOf("on_day_before")} IS NULL`)} AS at_start ON true
    WHERE k.project_id = ${project}::uuid AND k.first_day <= ${last}::date AND k.last_day >= ${first}::date${filters.join("")}
  ) AS period_rows`;
}
