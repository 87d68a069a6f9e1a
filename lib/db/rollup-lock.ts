import type { ClientBase } from "pg";

/**
 * Takes the project's rollup lock until the transaction ends (SQL function in
 * prisma/functions/lock_project_rollups.sql), after the transaction's other row locks and before
 * its first rollup write. Ingestion takes it shared: concurrent batches take turns per key. Any
 * other rollup writer (re-pricing) takes it exclusive and runs alone, so it never waits for rollup
 * rows that a batch holds while the batch waits for its own.
 */
export async function lockProjectRollups(
  client: ClientBase,
  projectId: string,
  mode: "shared" | "exclusive",
): Promise<void> {
  await client.query("SELECT lock_project_rollups($1::uuid, $2)", [projectId, mode === "shared"]);
}
