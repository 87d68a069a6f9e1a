/**
 * Alert channels of an organisation: create, read, change, delete (audited), and each channel's
 * delivery log. Webhook URLs (Slack's included) are secrets: the API shows them masked, and the
 * signing secret only once, when the channel is created.
 */
import { isUuid } from "@/lib/db/ids";
import type { ClientBase, Pool } from "pg";
import { inTransaction } from "@/lib/db/transaction";
import { channelCreateSchema, targetError, type ChannelPatch } from "../channel-schema";
import type { AlertChannel, DeliveryLogEntry } from "../contracts";
import { invalidField, invalidFields, issuesOf, notFound } from "@/lib/errors";
import { newSigningSecret } from "../senders/webhook";
import { writeAudit } from "@/lib/audit/trail";

interface ChannelActor {
  orgId: string;
  actorId: string | null;
}

export type { AlertChannel };

export interface ChannelRow {
  org_id: string;
  id: string;
  kind: AlertChannel["kind"];
  name: string;
  target: string;
  signing_secret: string | null;
  budget_alerts: boolean;
  anomaly_min_severity: AlertChannel["anomaly_min_severity"];
  muted: boolean;
  consecutive_failures: number;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
}

/** Members' personal channels (db/preferences.ts) are theirs alone: the channel API never lists or changes them. */
const ORGANISATION_CHANNEL = "user_id IS NULL";
export const COLUMNS =
  "org_id, id, kind, name, target, signing_secret, budget_alerts, anomaly_min_severity, muted, consecutive_failures, disabled_at, disabled_reason, created_at";

function maskTarget(kind: AlertChannel["kind"], target: string): string {
  if (kind === "email") return target;
  const url = new URL(target);
  const path = url.pathname + url.search;
  return `${url.origin}${path.length > 8 ? `${path.slice(0, 4)}…${path.slice(-4)}` : path}`;
}

export function toChannel(row: ChannelRow): AlertChannel {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    target: maskTarget(row.kind, row.target),
    budget_alerts: row.budget_alerts,
    anomaly_min_severity: row.anomaly_min_severity,
    muted: row.muted,
    consecutive_failures: row.consecutive_failures,
    disabled_at: row.disabled_at ? new Date(row.disabled_at).toISOString() : null,
    disabled_reason: row.disabled_reason,
    created_at: new Date(row.created_at).toISOString(),
  };
}

export async function listChannels(pool: Pool, orgId: string): Promise<AlertChannel[]> {
  const { rows } = await pool.query<ChannelRow>(
    `SELECT ${COLUMNS} FROM alert_channels WHERE org_id = $1 AND ${ORGANISATION_CHANNEL} ORDER BY created_at, id`,
    [orgId],
  );
  return rows.map(toChannel);
}

/** One of the organisation's channels (not a member's personal one). */
export async function getChannelRow(client: Pool | ClientBase, orgId: string, id: string): Promise<ChannelRow> {
  if (!isUuid(id)) throw notFound("No such channel");
  const { rows } = await client.query<ChannelRow>(
    `SELECT ${COLUMNS} FROM alert_channels WHERE org_id = $1 AND id = $2 AND ${ORGANISATION_CHANNEL}`,
    [orgId, id],
  );
  if (!rows[0]) throw notFound("No such channel");
  return rows[0];
}

export async function createChannel(
  pool: Pool,
  actor: ChannelActor,
  body: unknown,
): Promise<{ channel: AlertChannel; signing_secret: string | null }> {
  const parsed = channelCreateSchema.safeParse(body);
  if (!parsed.success) throw invalidFields(issuesOf(parsed.error.issues));
  const input = parsed.data;
  const secret = input.kind === "webhook" ? newSigningSecret() : null;
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<ChannelRow>(
      `INSERT INTO alert_channels (org_id, kind, name, target, signing_secret, budget_alerts, anomaly_min_severity, muted, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        actor.orgId,
        input.kind,
        input.name,
        input.target,
        secret,
        input.budget_alerts,
        input.anomaly_min_severity,
        input.muted,
        actor.actorId,
      ],
    );
    const channel = toChannel(rows[0]!);
    await writeAudit(client, {
      orgId: actor.orgId,
      projectId: null,
      entity: "channel",
      entityId: channel.id,
      action: "create",
      actorId: actor.actorId,
      before: null,
      after: channel,
    });
    return { channel, signing_secret: secret };
  });
}

export async function updateChannel(
  pool: Pool,
  actor: ChannelActor,
  id: string,
  patch: ChannelPatch,
): Promise<AlertChannel> {
  return inTransaction(pool, async (client) => {
    const row = await getChannelRow(client, actor.orgId, id);
    if (patch.target !== undefined) {
      const error = targetError(row.kind, patch.target);
      if (error) throw invalidField("target", error);
    }
    const { rows } = await client.query<ChannelRow>(
      `UPDATE alert_channels SET name = coalesce($3, name), target = coalesce($4, target), budget_alerts = coalesce($5, budget_alerts),
              anomaly_min_severity = CASE WHEN $6::boolean THEN $7 ELSE anomaly_min_severity END, muted = coalesce($8, muted),
              disabled_at = CASE WHEN $9::boolean THEN NULL ELSE disabled_at END,
              disabled_reason = CASE WHEN $9::boolean THEN NULL ELSE disabled_reason END,
              consecutive_failures = CASE WHEN $9::boolean THEN 0 ELSE consecutive_failures END, updated_at = now()
        WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [
        actor.orgId,
        id,
        patch.name ?? null,
        patch.target ?? null,
        patch.budget_alerts ?? null,
        patch.anomaly_min_severity !== undefined,
        patch.anomaly_min_severity ?? null,
        patch.muted ?? null,
        patch.enabled === true,
      ],
    );
    const after = toChannel(rows[0]!);
    await writeAudit(client, {
      orgId: actor.orgId,
      projectId: null,
      entity: "channel",
      entityId: id,
      action: "update",
      actorId: actor.actorId,
      before: toChannel(row),
      after,
    });
    return after;
  });
}

export async function deleteChannel(pool: Pool, actor: ChannelActor, id: string): Promise<AlertChannel> {
  return inTransaction(pool, async (client) => {
    const before = toChannel(await getChannelRow(client, actor.orgId, id));
    await client.query("DELETE FROM alert_channels WHERE org_id = $1 AND id = $2", [actor.orgId, id]);
    await writeAudit(client, {
      orgId: actor.orgId,
      projectId: null,
      entity: "channel",
      entityId: id,
      action: "delete",
      actorId: actor.actorId,
      before,
      after: null,
    });
    return before;
  });
}

export async function deliveryLog(
  pool: Pool,
  orgId: string,
  channelId: string,
  limit = 50,
): Promise<DeliveryLogEntry[]> {
  const { rows } = await pool.query(
    `SELECT l.dedupe_key, l.attempt, l.ok, l.status_code, l.error, l.duration_ms, l.created_at, a.payload->>'title' AS title
       FROM alert_delivery_log l LEFT JOIN alerts a ON a.org_id = l.org_id AND a.dedupe_key = l.dedupe_key
      WHERE l.org_id = $1 AND l.channel_id = $2 ORDER BY l.created_at DESC, l.id LIMIT $3`,
    [orgId, channelId, limit],
  );
  return rows.map((r) => ({
    alert_id: r.dedupe_key,
    attempt: r.attempt,
    ok: r.ok,
    status_code: r.status_code,
    error: r.error,
    duration_ms: r.duration_ms,
    at: new Date(r.created_at).toISOString(),
    title: r.title,
  }));
}
