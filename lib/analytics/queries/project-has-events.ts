/**
 * Whether a project has received any usage event yet (until it has, the dashboard pages show
 * the first-event guide). One index probe on the idempotency ledger's primary key, tenant first.
 */
import type { Pool } from "pg";

export async function projectHasEvents(pool: Pool, projectId: string): Promise<boolean> {
  const { rows } = await pool.query<{ found: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM event_ids WHERE project_id = $1 AND kind = 'usage') AS found",
    [projectId],
  );
  return rows[0]?.found ?? false;
}
