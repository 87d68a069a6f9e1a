/**
 * "Send test": one test alert to one channel, now, muted or disabled alike, logged in the
 * channel's delivery log. A test that gets through turns a disabled channel back on.
 */
import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import type { MailTransport } from "@/lib/mail/transport";
import { testMessage } from "../build";
import type { TestResult } from "../contracts";
import { claimAlert, logAttempt } from "../db/claims";
import { getChannelRow } from "../db/channels";
import { sendOne } from "./deliver";

export async function sendTest(
  pool: Pool,
  orgId: string,
  channelId: string,
  options: { mail: MailTransport; baseUrl: string; now?: Date },
): Promise<TestResult> {
  const now = options.now ?? new Date();
  const channel = await getChannelRow(pool, orgId, channelId);
  const { rows } = await pool.query<{ id: string; slug: string; name: string }>(
    "SELECT id, slug, name FROM organizations WHERE id = $1",
    [orgId],
  );
  const message = testMessage(
    { baseUrl: options.baseUrl, organization: rows[0]!, project: null },
    `test:${randomUUID()}`,
    now,
  );
  await claimAlert(pool, { orgId, projectId: null, kind: "test", message, channels: { none: true }, now });
  const result = await sendOne({ channel, message }, { now, mail: options.mail });
  await logAttempt(pool, {
    orgId,
    dedupeKey: message.id,
    channelId,
    attempt: 1,
    ok: result.ok,
    statusCode: result.statusCode,
    error: result.error,
    durationMs: result.durationMs,
    now,
  });
  if (result.ok) {
    await pool.query(
      "UPDATE alert_channels SET consecutive_failures = 0, disabled_at = NULL, disabled_reason = NULL WHERE org_id = $1 AND id = $2",
      [orgId, channelId],
    );
  }
  return { ok: result.ok, status_code: result.statusCode, error: result.error, duration_ms: result.durationMs };
}
