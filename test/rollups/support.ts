/**
 * Test writers of the rollups: signed deltas built from usage_daily rows, applied through the
 * one write path (lib/rollups/write.ts) as any writer other than ingestion would.
 */
import type { Pool } from "pg";
import { MEASURES, parseScaled } from "@/lib/rollups/measures";
import { applyUsageDeltas, type UsageDelta } from "@/lib/rollups/write";

type Row = Record<string, string>;

/** usage_daily rows matching `where` ($1 is the project), as deltas of their whole values. */
export async function dailyRowsAsDeltas(pool: Pool, projectId: string, where = "true"): Promise<UsageDelta[]> {
  const { rows } = await pool.query<Row>(
    `SELECT day::text, feature, customer, provider, model, ${MEASURES.map((m) => `${m.column}::text`).join(", ")}
       FROM usage_daily WHERE project_id = $1 AND (${where}) ORDER BY day, feature, customer, provider, model`,
    [projectId],
  );
  return rows.map((row) => ({
    day: row.day!,
    feature: row.feature!,
    customer: row.customer!,
    provider: row.provider!,
    model: row.model!,
    values: MEASURES.map(({ column, scale }) => parseScaled(row[column]!, scale)),
  }));
}

/** Applies deltas in their own transaction, as a writer other than ingestion (exclusive lock). */
export async function applyDeltas(pool: Pool, projectId: string, deltas: readonly UsageDelta[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await applyUsageDeltas(client, projectId, deltas, "exclusive");
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

/** Deletes the matching usage_daily rows' usage from every level: their values, negated. */
export async function removeDailyRows(pool: Pool, projectId: string, where: string): Promise<void> {
  const deltas = await dailyRowsAsDeltas(pool, projectId, where);
  await applyDeltas(
    pool,
    projectId,
    deltas.map((delta) => ({ ...delta, values: delta.values.map((value) => -value) })),
  );
}

/** Multiplies the named measures of the matching usage_daily rows by `factor`, at every level. */
export async function scaleDailyRows(
  pool: Pool,
  projectId: string,
  where: string,
  columns: readonly string[],
  factor: bigint,
): Promise<void> {
  const deltas = await dailyRowsAsDeltas(pool, projectId, where);
  await applyDeltas(
    pool,
    projectId,
    deltas.map((delta) => ({
      ...delta,
      values: delta.values.map((value, i) => (columns.includes(MEASURES[i]!.column) ? value * (factor - 1n) : 0n)),
    })),
  );
}
