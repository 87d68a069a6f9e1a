/**
 * A member's own alert preference in one organisation: budget alerts by email on or off, and
 * incidents at or above a severity (or none). Stored as the member's personal email channel
 * (alert_channels.user_id), so it is claimed, retried, logged and disabled like any channel.
 * Only the member reads or changes it; the organisation's channel API never shows it.
 */
import type { Pool } from "pg";
import { z } from "zod";
import { objectError } from "@/lib/budgets/schema";
import { inTransaction } from "@/lib/db/transaction";
import { SEVERITIES, type AlertPreference } from "../contracts";
import { invalidFields, issuesOf, notFound } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/trail";
import { COLUMNS, toChannel, type ChannelRow } from "./channels";

export const preferenceSchema = z
  .object(
    {
      budget_alerts: z.boolean({ error: "true or false" }),
      anomaly_min_severity: z
        .enum(SEVERITIES, { error: `one of ${SEVERITIES.join(", ")}, or null for no incident emails` })
        .nullable(),
    },
    { error: objectError("a JSON object: {budget_alerts, anomaly_min_severity}") },
  )
  .strict();
type PreferenceInput = z.infer<typeof preferenceSchema>;

export interface Member {
  orgId: string;
  userId: string;
}

/** No row yet: nothing by email (the organisation's channels still alert). */
export async function getPreference(pool: Pool, member: Member): Promise<AlertPreference> {
  const { rows } = await pool.query<{
    email: string;
    budget_alerts: boolean | null;
    anomaly_min_severity: PreferenceInput["anomaly_min_severity"];
    disabled_reason: string | null;
  }>(
    `SELECT u.email, c.budget_alerts, c.anomaly_min_severity, c.disabled_reason
       FROM memberships m JOIN users u ON u.id = m.user_id
       LEFT JOIN alert_channels c ON c.org_id = m.org_id AND c.user_id = m.user_id
      WHERE m.org_id = $1 AND m.user_id = $2`,
    [member.orgId, member.userId],
  );
  const row = rows[0];
  if (!row) throw notFound("Not a member of this organisation");
  return {
    email: row.email,
    budget_alerts: row.budget_alerts ?? false,
    anomaly_min_severity: row.anomaly_min_severity ?? null,
    disabled_reason: row.disabled_reason,
  };
}

export async function setPreference(pool: Pool, member: Member, body: unknown): Promise<AlertPreference> {
  const parsed = preferenceSchema.safeParse(body);
  if (!parsed.success) throw invalidFields(issuesOf(parsed.error.issues));
  const input = parsed.data;
  await inTransaction(pool, async (client) => {
    const before = await client.query<ChannelRow>(
      `SELECT ${COLUMNS} FROM alert_channels WHERE org_id = $1 AND user_id = $2`,
      [member.orgId, member.userId],
    );
    const { rows } = await client.query<ChannelRow>(
      `INSERT INTO alert_channels (org_id, kind, name, target, budget_alerts, anomaly_min_severity, created_by, user_id)
       SELECT m.org_id, 'email', 'Personal: ' || u.email, u.email, $3, $4, m.user_id, m.user_id
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 AND m.user_id = $2
       ON CONFLICT (org_id, user_id) WHERE user_id IS NOT NULL DO UPDATE
          SET target = excluded.target, name = excluded.name, budget_alerts = excluded.budget_alerts,
              anomaly_min_severity = excluded.anomaly_min_severity, disabled_at = NULL, disabled_reason = NULL,
              consecutive_failures = 0, updated_at = now()
       RETURNING ${COLUMNS}`,
      [member.orgId, member.userId, input.budget_alerts, input.anomaly_min_severity],
    );
    if (!rows[0]) throw notFound("Not a member of this organisation");
    await writeAudit(client, {
      orgId: member.orgId,
      projectId: null,
      entity: "channel",
      entityId: rows[0].id,
      action: before.rows[0] ? "update" : "create",
      actorId: member.userId,
      before: before.rows[0] ? toChannel(before.rows[0]) : null,
      after: toChannel(rows[0]),
    });
  });
  return getPreference(pool, member);
}
