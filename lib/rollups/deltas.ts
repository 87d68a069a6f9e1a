/**
 * PROTOTYPE (issue 14): ingestion appends a batch's deltas to the insert-only usage_deltas table
 * (appendUsageDeltas) instead of applying them to every level; compactUsageDeltas folds a
 * project's appended deltas into the levels through applyUsageDeltas.
 */
import type { ClientBase, Pool } from "pg";
import { lockProjectRollups } from "@/lib/db/rollup-lock";
import { MEASURES, parseScaled } from "./measures";
import { FULL_KEY } from "./levels";
import { DELTA_COLUMNS } from "./sql";
import { applyUsageDeltas, deltaParameters, type UsageDelta } from "./write";

const columns = DELTA_COLUMNS.map(([name]) => name);
const args = DELTA_COLUMNS.map(([, type], i) => `$${2 + i}::${type}[]`).join(", ");
const APPEND_DELTAS_SQL = `INSERT INTO usage_deltas (project_id, ${columns.join(", ")})
  SELECT $1, ${columns.join(", ")} FROM unnest(${args}) AS s(${columns.join(", ")})`;

export async function appendUsageDeltas(
  client: ClientBase,
  projectId: string,
  deltas: readonly UsageDelta[],
): Promise<void> {
  if (deltas.length === 0) return;
  await lockProjectRollups(client, projectId, "shared");
  await client.query(APPEND_DELTAS_SQL, [projectId, ...deltaParameters(deltas)]);
}

const key = ["day", ...FULL_KEY].join(", ");
const TAKE_DELTAS_SQL = `WITH d AS (DELETE FROM usage_deltas WHERE project_id = $1 RETURNING *)
  SELECT day::text, ${FULL_KEY.join(", ")},
         ${MEASURES.map(({ column, type }) => `${type === "int8" ? "sum_int8" : "sum"}(${column})::text AS ${column}`).join(", ")}
    FROM d GROUP BY ${key}`;

/** Folds the project's appended deltas into every level, in the caller's transaction. */
export async function foldUsageDeltas(client: ClientBase, projectId: string, lock: "shared" | "exclusive"): Promise<number> {
  await lockProjectRollups(client, projectId, lock);
  const { rows } = await client.query<Record<string, string>>(TAKE_DELTAS_SQL, [projectId]);
  const deltas: UsageDelta[] = rows.map((row) => ({
    day: row.day!,
    feature: row.feature!,
    customer: row.customer!,
    provider: row.provider!,
    model: row.model!,
    values: MEASURES.map(({ column, scale }) => parseScaled(row[column]!, scale)),
  }));
  await applyUsageDeltas(client, projectId, deltas, lock);
  return deltas.length;
}

/** One compaction pass over every project with appended deltas, one transaction per project. */
export async function compactUsageDeltas(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ project_id: string }>("SELECT DISTINCT project_id FROM usage_deltas");
  let folded = 0;
  for (const { project_id: projectId } of rows) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      folded += await foldUsageDeltas(client, projectId, "shared");
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  return folded;
}
