/** Reading the local outbox (organisation-scoped; optionally one member's messages only). */
import type { Pool } from "pg";

interface OutboxSummary {
  id: string;
  toAddress: string;
  subject: string;
  createdAt: Date;
}

interface OutboxMessage extends OutboxSummary {
  html: string;
  text: string;
}

export async function listOutbox(
  pool: Pool,
  orgId: string,
  userId: string | null,
  limit = 100,
): Promise<OutboxSummary[]> {
  const { rows } = await pool.query(
    `SELECT id, to_address, subject, created_at FROM outbox_messages
      WHERE org_id = $1 AND ($2::uuid IS NULL OR user_id = $2) ORDER BY created_at DESC LIMIT $3`,
    [orgId, userId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    toAddress: r.to_address,
    subject: r.subject,
    createdAt: new Date(r.created_at),
  }));
}

export async function getOutboxMessage(
  pool: Pool,
  orgId: string,
  id: string,
  userId: string | null,
): Promise<OutboxMessage | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await pool.query(
    `SELECT id, to_address, subject, html, text, created_at FROM outbox_messages
      WHERE org_id = $1 AND id = $2 AND ($3::uuid IS NULL OR user_id = $3)`,
    [orgId, id, userId],
  );
  const r = rows[0];
  return r
    ? {
        id: r.id,
        toAddress: r.to_address,
        subject: r.subject,
        html: r.html,
        text: r.text,
        createdAt: new Date(r.created_at),
      }
    : null;
}
