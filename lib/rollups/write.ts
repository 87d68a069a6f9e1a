/**
 * The one write path of the usage rollups. Ingestion, re-pricing and anything else that changes
 * usage hand their changes here as signed deltas per event key and day; every level
 * (levels.ts: daily by full key, by model, by customer, monthly, and the running totals) is kept
 * from them in the caller's transaction. No trigger keeps any level: a schema without triggers
 * can move to a sharded PostgreSQL, and one function is the whole answer to "who keeps X right".
 *
 * The caller runs at READ COMMITTED (each statement must see what the previous holder of a key
 * lock committed). Ingestion takes the project's rollup lock shared, so batches take turns only
 * per key; every other writer takes it exclusive and runs alone (it may read rollups before
 * writing its deltas, and locks rows in another order than ingestion does).
 */
import type { ClientBase } from "pg";
import { numberArrayLiteral, textArrayLiteral } from "@/lib/db/array-literal";
import { lockProjectRollups } from "@/lib/db/rollup-lock";
import type { Day } from "@/lib/calendar/days";
import { addValues, MEASURES, type MeasureValues, scaledText } from "./measures";
import { PERIOD_LEVELS, RUNNING_LEVELS, type KeyColumn, type PeriodLevel } from "./levels";
import { DELETE_EMPTIED_SQL, runningStatements, UPSERT_LEVELS_SQL } from "./sql";

/** A change to one event key's usage on one day (values aligned with MEASURES, signed). */
export interface UsageDelta {
  day: Day;
  feature: string;
  customer: string;
  provider: string;
  model: string;
  values: MeasureValues;
}

interface Group {
  period: string;
  keys: string[];
  values: MeasureValues;
}

const periodOf = (level: PeriodLevel, day: Day) => (level.period === "day" ? day : `${day.slice(0, 7)}-01`);

/** The deltas summed per key and period of a level (NUL, which no id may hold, joins key parts). */
function groupFor(level: PeriodLevel, deltas: readonly UsageDelta[]): Group[] {
  const groups = new Map<string, Group>();
  for (const delta of deltas) {
    const period = periodOf(level, delta.day);
    const keys = level.keys.map((key: KeyColumn) => delta[key]);
    const id = `${period}\u0000${keys.join("\u0000")}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { period, keys, values: MEASURES.map(() => 0n) }));
    addValues(group.values, delta.values);
  }
  return [...groups.values()];
}

/** A level's groups as parameters: the period, each key column, each measure. */
function parameters(groups: readonly Group[], keyCount: number): string[] {
  return [
    textArrayLiteral(groups.map((g) => g.period)),
    ...Array.from({ length: keyCount }, (_, k) => textArrayLiteral(groups.map((g) => g.keys[k]!))),
    ...MEASURES.map(({ scale }, m) => numberArrayLiteral(groups.map((g) => scaledText(g.values[m]!, scale)))),
  ];
}

/** The day level with the same key as a running level: its groups are the running level's changes. */
function dayLevelFor(keys: readonly KeyColumn[]): number {
  const index = PERIOD_LEVELS.findIndex(
    (level) => level.period === "day" && level.keys.length === keys.length && level.keys.every((k, i) => k === keys[i]),
  );
  if (index < 0) throw new Error(`no daily level keyed by ${keys.join(", ")}`);
  return index;
}

const RUNNING = RUNNING_LEVELS.map((level) => ({
  level,
  dayLevel: dayLevelFor(level.keys),
  statements: runningStatements(level),
}));

/**
 * Planner settings for the running totals' statements: a batch changes a few hundred keys of
 * tables that grow to millions of rows, and a planner that sees small tables early on scans
 * and hashes them whole, a cost that grows with the table. Joins by index only, for this
 * transaction's rollup statements, restored after them.
 */
const INDEX_JOINS_ONLY = `SELECT set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`;
const PLANNER_DEFAULTS = `SELECT set_config('enable_seqscan', 'on', true), set_config('enable_hashjoin', 'on', true), set_config('enable_mergejoin', 'on', true)`;

export async function applyUsageDeltas(
  client: ClientBase,
  projectId: string,
  deltas: readonly UsageDelta[],
  lock: "shared" | "exclusive",
): Promise<void> {
  if (deltas.length === 0) return;
  const levels = PERIOD_LEVELS.map((level) => parameters(groupFor(level, deltas), level.keys.length));
  await lockProjectRollups(client, projectId, lock);
  const { rows } = await client.query<Record<string, number>>(UPSERT_LEVELS_SQL, [projectId, ...levels.flat()]);
  if (Object.values(rows[0]!).some((emptied) => emptied > 0))
    await client.query(DELETE_EMPTIED_SQL, [
      projectId,
      ...PERIOD_LEVELS.flatMap((level, i) => levels[i]!.slice(0, 1 + level.keys.length)),
    ]);
  await client.query(INDEX_JOINS_ONLY);
  for (const { dayLevel, level, statements } of RUNNING) {
    const params = levels[dayLevel]!;
    const keyParams = params.slice(0, 1 + level.keys.length);
    await client.query(statements.lockKeys, [projectId, ...keyParams]);
    await client.query(statements.fillDays, [projectId, ...keyParams]);
    await client.query(statements.addChanges, [projectId, ...params]);
  }
  await client.query(PLANNER_DEFAULTS);
}
