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
import { MEASURES, type MeasureValues, scaledText } from "./measures";
import { FULL_KEY, RUNNING_LEVELS } from "./levels";
import { DELETE_EMPTIED_SQL, KEY_PARAMETERS, runningStatements, UPSERT_LEVELS_SQL } from "./sql";

/** A change to one event key's usage on one day (values aligned with MEASURES, signed). */
export interface UsageDelta {
  day: Day;
  feature: string;
  customer: string;
  provider: string;
  model: string;
  values: MeasureValues;
}

/** The deltas as parameters: one array per DELTA_COLUMNS column (day, the full key, each measure). */
function parameters(deltas: readonly UsageDelta[]): string[] {
  return [
    textArrayLiteral(deltas.map((d) => d.day)),
    ...FULL_KEY.map((key) => textArrayLiteral(deltas.map((d) => d[key]))),
    ...MEASURES.map(({ scale }, m) => numberArrayLiteral(deltas.map((d) => scaledText(d.values[m]!, scale)))),
  ];
}

const RUNNING = RUNNING_LEVELS.map(runningStatements);

export async function applyUsageDeltas(
  client: ClientBase,
  projectId: string,
  deltas: readonly UsageDelta[],
  lock: "shared" | "exclusive",
): Promise<void> {
  if (deltas.length === 0) return;
  const params = [projectId, ...parameters(deltas)];
  const keyParams = params.slice(0, 1 + KEY_PARAMETERS);
  await lockProjectRollups(client, projectId, lock);
  const { rows } = await client.query<Record<string, number>>(UPSERT_LEVELS_SQL, params);
  if (Object.values(rows[0]!).some((emptied) => emptied > 0)) await client.query(DELETE_EMPTIED_SQL, keyParams);
  for (const statements of RUNNING) {
    await client.query(statements.lockKeys, keyParams);
    await client.query(statements.fillDays, keyParams);
    await client.query(statements.addChanges, params);
  }
}
