/**
 * The claim protocol that makes an alert go at most once per event and channel, however many
 * schedulers run:
 *  1. claimAlert INSERTs the alert under its dedupe key ON CONFLICT DO NOTHING and, in the same
 *     statement, one 'pending' delivery per channel that wants it: only the inserter creates them.
 *  2. claimDueDeliveries moves due 'pending'/'failed' deliveries to 'sending' in one UPDATE
 *     (FOR UPDATE SKIP LOCKED): each row comes back to one scheduler only.
 *  3. The sender marks it 'delivered', 'failed' with its next attempt, or 'abandoned'.
 * A 'sending' row whose sender died is left alone: the alert may already have gone out.
 */
import type { ClientBase, Pool } from "pg";
import type { AlertMessage } from "../message";
import type { ChannelRow } from "./channels";

type Severity = "low" | "medium" | "high" | "critical";

const MAX_ATTEMPTS = 5;
/** Consecutive failed attempts after which a channel is disabled and its owners told. */
const DISABLE_AFTER_FAILURES = 5;
/** Backoff before attempt n+1: 1 min, 4 min, 16 min, 64 min. */
function backoffSeconds(attempts: number): number {
  return 60 * 4 ** Math.max(0, attempts - 1);
}

export type ChannelFilter =
  | { budget: true }
  /**
   * Channels taking this severity that existed when the anomaly was detected (a new channel gets
   * no backlog); with `above`, only those whose minimum is above it (they did not take it then).
   */
  | { severity: Severity; detectedAt: Date; above?: Severity }
  | { channelId: string }
  | { none: true };

const SEVERITY_RANKS = "ARRAY['low','medium','high','critical']";
/** SQL: the severity `actual` is at or above the channel's minimum `min` (false when either is null or 'notable'). */
export const SEVERITY_AT_LEAST = (min: string, actual: string) =>
  `coalesce(array_position(${SEVERITY_RANKS}, ${min}) <= array_position(${SEVERITY_RANKS}, ${actual}), false)`;

function channelCondition(filter: ChannelFilter, add: (value: unknown) => string): string {
  // A personal channel (a member's preference) alerts only while its member is still in the organisation.
  const active =
    "c.disabled_at IS NULL AND NOT c.muted AND (c.user_id IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = c.org_id AND m.user_id = c.user_id))";
  if ("budget" in filter) return `${active} AND c.budget_alerts`;
  if ("severity" in filter) {
    const above = filter.above
      ? ` AND NOT ${SEVERITY_AT_LEAST("c.anomaly_min_severity", `${add(filter.above)}::text`)}`
      : "";
    return `${active} AND ${SEVERITY_AT_LEAST("c.anomaly_min_severity", `${add(filter.severity)}::text`)}${above}
      AND c.created_at <= ${add(filter.detectedAt)}::timestamptz`;
  }
  if ("channelId" in filter) return `c.id = ${add(filter.channelId)}::uuid`;
  return "false";
}

interface AlertClaim {
  orgId: string;
  projectId: string | null;
  kind: "budget_actual" | "budget_forecast" | "anomaly" | "test";
  message: AlertMessage;
  /** Which channels get a delivery; `none` claims the event without sending (superseded). */
  channels: ChannelFilter;
  now: Date;
}

/** Claims the alert; returns the channels it will go to, or null when another run had claimed it. */
export async function claimAlert(client: Pool | ClientBase, claim: AlertClaim): Promise<string[] | null> {
  const values: unknown[] = [
    claim.orgId,
    claim.message.id,
    claim.projectId,
    claim.kind,
    JSON.stringify(claim.message),
    claim.now,
  ];
  const add = (value: unknown) => (values.push(value), `$${values.length}`);
  const condition = channelCondition(claim.channels, add);
  const { rows } = await client.query<{ channel_id: string | null }>(
    `WITH claimed AS (
       INSERT INTO alerts (org_id, dedupe_key, project_id, kind, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (org_id, dedupe_key) DO NOTHING RETURNING org_id, dedupe_key
     ), deliveries AS (
       INSERT INTO alert_deliveries (org_id, dedupe_key, channel_id, status, next_attempt_at, created_at)
       SELECT claimed.org_id, claimed.dedupe_key, c.id, 'pending', $6, $6
         FROM claimed JOIN alert_channels c ON c.org_id = claimed.org_id
        WHERE ${condition}
       RETURNING channel_id
     )
     SELECT NULL::uuid AS channel_id FROM claimed UNION ALL SELECT channel_id FROM deliveries`,
    values,
  );
  if (rows.length === 0) return null;
  return rows.filter((row) => row.channel_id !== null).map((row) => row.channel_id!);
}

export interface DueDelivery {
  orgId: string;
  dedupeKey: string;
  attempt: number;
  message: AlertMessage;
  channel: ChannelRow;
}

/** Takes up to `limit` due deliveries (optionally of one organisation) for this runner alone. */
export async function claimDueDeliveries(
  pool: Pool,
  now: Date,
  limit = 100,
  orgId: string | null = null,
): Promise<DueDelivery[]> {
  const { rows } = await pool.query(
    `WITH due AS (
       SELECT d.org_id, d.dedupe_key, d.channel_id FROM alert_deliveries d
         JOIN alert_channels c ON c.org_id = d.org_id AND c.id = d.channel_id AND c.disabled_at IS NULL AND NOT c.muted
        WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= $1 AND ($3::uuid IS NULL OR d.org_id = $3)
        ORDER BY d.next_attempt_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED
     )
     UPDATE alert_deliveries d SET status = 'sending', attempts = d.attempts + 1
       FROM due, alert_channels c, alerts a
      WHERE d.org_id = due.org_id AND d.dedupe_key = due.dedupe_key AND d.channel_id = due.channel_id
        AND d.status IN ('pending', 'failed')
        AND c.org_id = d.org_id AND c.id = d.channel_id AND c.disabled_at IS NULL AND NOT c.muted
        AND a.org_id = d.org_id AND a.dedupe_key = d.dedupe_key
      RETURNING d.org_id, d.dedupe_key, d.attempts, a.payload, c.org_id AS c_org_id, c.id, c.kind, c.name, c.target, c.signing_secret,
                c.budget_alerts, c.anomaly_min_severity, c.muted, c.consecutive_failures, c.disabled_at, c.disabled_reason, c.created_at`,
    [now, limit, orgId],
  );
  return rows.map((r) => ({
    orgId: r.org_id,
    dedupeKey: r.dedupe_key,
    attempt: r.attempts,
    message: r.payload,
    channel: { ...r, org_id: r.c_org_id } as ChannelRow,
  }));
}

interface AttemptRecord {
  orgId: string;
  dedupeKey: string;
  channelId: string;
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  now: Date;
}

export async function logAttempt(client: Pool | ClientBase, record: AttemptRecord): Promise<void> {
  await client.query(
    `INSERT INTO alert_delivery_log (org_id, channel_id, dedupe_key, attempt, ok, status_code, error, duration_ms, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      record.orgId,
      record.channelId,
      record.dedupeKey,
      record.attempt,
      record.ok,
      record.statusCode,
      record.error,
      record.durationMs,
      record.now,
    ],
  );
}

/**
 * Records an attempt's outcome on the delivery and the channel. Returns true when this failure
 * disabled the channel (exactly once: the UPDATE matches only a channel still enabled).
 */
export async function recordOutcome(pool: Pool, record: AttemptRecord): Promise<{ disabled: boolean }> {
  await logAttempt(pool, record);
  const key = [record.orgId, record.dedupeKey, record.channelId];
  if (record.ok) {
    await pool.query(
      `UPDATE alert_deliveries SET status = 'delivered', delivered_at = $4, last_status_code = $5, last_error = NULL
        WHERE org_id = $1 AND dedupe_key = $2 AND channel_id = $3`,
      [...key, record.now, record.statusCode],
    );
    await pool.query("UPDATE alert_channels SET consecutive_failures = 0 WHERE org_id = $1 AND id = $2", [
      record.orgId,
      record.channelId,
    ]);
    return { disabled: false };
  }
  const next = new Date(record.now.getTime() + backoffSeconds(record.attempt) * 1000);
  await pool.query(
    `UPDATE alert_deliveries SET status = CASE WHEN attempts >= $7 THEN 'abandoned' ELSE 'failed' END,
            next_attempt_at = $4, last_status_code = $5, last_error = $6
      WHERE org_id = $1 AND dedupe_key = $2 AND channel_id = $3`,
    [...key, next, record.statusCode, record.error, MAX_ATTEMPTS],
  );
  const { rows } = await pool.query<{ disabled: boolean }>(
    `UPDATE alert_channels SET consecutive_failures = consecutive_failures + 1,
            disabled_at = CASE WHEN consecutive_failures + 1 >= $3 THEN $4::timestamptz ELSE NULL END,
            disabled_reason = CASE WHEN consecutive_failures + 1 >= $3 THEN $5 ELSE NULL END
      WHERE org_id = $1 AND id = $2 AND disabled_at IS NULL
      RETURNING disabled_at IS NOT NULL AS disabled`,
    [
      record.orgId,
      record.channelId,
      DISABLE_AFTER_FAILURES,
      record.now,
      `${DISABLE_AFTER_FAILURES} deliveries failed in a row; last: ${record.error ?? "unknown error"}`.slice(0, 500),
    ],
  );
  return { disabled: rows[0]?.disabled ?? false };
}
