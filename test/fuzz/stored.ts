import type { Pool } from "pg";
import type { CampaignReport } from "./campaign";

/** Compares the events the database holds for a project with the ones the API accepted. */
export async function storedVersusAccepted(pool: Pool, projectId: string, report: CampaignReport) {
  const { rows } = await pool.query<{ event_id: string }>(
    `SELECT event_id FROM usage_events WHERE project_id = $1 UNION ALL SELECT event_id FROM outcome_events WHERE project_id = $1`,
    [projectId],
  );
  const stored = rows.map((row) => row.event_id);
  const storedIds = new Set(stored);
  return {
    stored: stored.length,
    accepted: report.acceptedIds.size,
    storedButNotAccepted: stored.filter((id) => !report.acceptedIds.has(id)).slice(0, 20),
    acceptedButNotStored: [...report.acceptedIds].filter((id) => !storedIds.has(id)).slice(0, 20),
  };
}
