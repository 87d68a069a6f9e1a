/**
 * The claim protocol that makes a digest go at most once per (organisation, member, week):
 *  1. INSERT the row as 'pending' ON CONFLICT DO NOTHING: the inserter owns the first attempt.
 *  2. Or move a 'failed' row whose backoff has passed to 'pending' in one UPDATE ... RETURNING:
 *     only one of several concurrent schedulers gets the row back.
 *  3. The owner sends, then marks 'sent' (final) or 'failed' with the error and the next attempt.
 * A 'pending' row whose sender died is not retried: the mail may have gone out before the crash.
 */
import type { Pool } from "pg";

const MAX_ATTEMPTS = 5;
/** Backoff before attempt n+1: 5 min, 20 min, 80 min, 5h20. */
function backoffSeconds(attempts: number): number {
  return 300 * 4 ** Math.max(0, attempts - 1);
}

interface ClaimKey {
  orgId: string;
  userId: string;
  weekKey: string;
}

export async function claimDelivery(
  pool: Pool,
  key: ClaimKey,
  projectId: string | null,
): Promise<{ attempt: number } | null> {
  const inserted = await pool.query<{ attempts: number }>(
    `INSERT INTO digest_deliveries (org_id, user_id, week_key, project_id, status, attempts)
     VALUES ($1, $2, $3, $4, 'pending', 1)
     ON CONFLICT (org_id, user_id, week_key) DO NOTHING
     RETURNING attempts`,
    [key.orgId, key.userId, key.weekKey, projectId],
  );
  if (inserted.rows[0]) return { attempt: 1 };
  const retried = await pool.query<{ attempts: number }>(
    `UPDATE digest_deliveries SET status = 'pending', attempts = attempts + 1, claimed_at = now(), next_attempt_at = NULL
      WHERE org_id = $1 AND user_id = $2 AND week_key = $3
        AND status = 'failed' AND attempts < $4 AND next_attempt_at <= now()
      RETURNING attempts`,
    [key.orgId, key.userId, key.weekKey, MAX_ATTEMPTS],
  );
  return retried.rows[0] ? { attempt: retried.rows[0].attempts } : null;
}

export async function markSent(
  pool: Pool,
  key: ClaimKey,
  result: { messageId: string; transport: "smtp" | "outbox" },
): Promise<void> {
  await pool.query(
    `UPDATE digest_deliveries SET status = 'sent', sent_at = now(), message_id = $4, transport = $5, last_error = NULL
      WHERE org_id = $1 AND user_id = $2 AND week_key = $3 AND status = 'pending'`,
    [key.orgId, key.userId, key.weekKey, result.messageId, result.transport],
  );
}

export async function markFailed(pool: Pool, key: ClaimKey, attempt: number, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  await pool.query(
    `UPDATE digest_deliveries
        SET status = 'failed', last_error = $4,
            next_attempt_at = CASE WHEN attempts >= $6 THEN NULL ELSE now() + make_interval(secs => $5) END
      WHERE org_id = $1 AND user_id = $2 AND week_key = $3 AND status = 'pending'`,
    [key.orgId, key.userId, key.weekKey, message, backoffSeconds(attempt), MAX_ATTEMPTS],
  );
}
