/**
 * Sends the due deliveries this runner claimed, records each attempt in the delivery log, and
 * when a channel's failures disable it, emails the organisation's owners once.
 */
import type { Pool } from "pg";
import type { MailTransport } from "@/lib/mail/transport";
import { claimDueDeliveries, recordOutcome, type DueDelivery } from "../db/claims";
import { SENDERS } from "../senders";
import type { SendResult } from "../senders/types";

interface DeliverOptions {
  now: Date;
  mail: MailTransport;
  log: (line: string) => void;
  orgId?: string | null;
}

export interface DeliverySummary {
  delivered: number;
  failed: number;
  disabledChannels: string[];
}

export async function sendOne(
  delivery: Pick<DueDelivery, "channel" | "message">,
  options: Pick<DeliverOptions, "now" | "mail">,
): Promise<SendResult & { durationMs: number }> {
  const started = performance.now();
  const channel = {
    orgId: delivery.channel.org_id,
    kind: delivery.channel.kind,
    target: delivery.channel.target,
    signingSecret: delivery.channel.signing_secret,
  };
  const result = await SENDERS[channel.kind](channel, delivery.message, { mail: options.mail, now: () => options.now });
  return { ...result, durationMs: Math.round(performance.now() - started) };
}

async function tellOwners(
  pool: Pool,
  mail: MailTransport,
  delivery: DueDelivery,
  reason: string | null,
): Promise<void> {
  const { rows } = await pool.query<{ email: string; user_id: string }>(
    "SELECT u.email, u.id AS user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 AND m.role = 'owner'",
    [delivery.orgId],
  );
  const subject = `[InferLedger] Alert channel “${delivery.channel.name}” was disabled`;
  const text = `The ${delivery.channel.kind} alert channel “${delivery.channel.name}” failed repeatedly and was disabled, so alerts no longer reach it.\n\nLast error: ${reason ?? "unknown"}\n\nFix the destination, then use “Send test” on the Budgets page to turn it back on.`;
  for (const row of rows) {
    await mail.send({
      orgId: delivery.orgId,
      userId: row.user_id,
      to: row.email,
      subject,
      text,
      html: `<pre>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</pre>`,
      headers: {},
    });
  }
}

export async function deliverDue(pool: Pool, options: DeliverOptions): Promise<DeliverySummary> {
  const due = await claimDueDeliveries(pool, options.now, 100, options.orgId ?? null);
  const summary: DeliverySummary = { delivered: 0, failed: 0, disabledChannels: [] };
  await Promise.all(
    due.map(async (delivery) => {
      const result = await sendOne(delivery, options);
      const { disabled } = await recordOutcome(pool, {
        orgId: delivery.orgId,
        dedupeKey: delivery.dedupeKey,
        channelId: delivery.channel.id,
        attempt: delivery.attempt,
        ok: result.ok,
        statusCode: result.statusCode,
        error: result.error,
        durationMs: result.durationMs,
        now: options.now,
      });
      if (result.ok) summary.delivered++;
      else summary.failed++;
      options.log(
        `alert ${delivery.dedupeKey} -> ${delivery.channel.kind} ${delivery.channel.id}: ${result.ok ? "delivered" : `failed (${result.error})`}`,
      );
      if (disabled) {
        summary.disabledChannels.push(delivery.channel.id);
        await tellOwners(pool, options.mail, delivery, result.error).catch((error) =>
          options.log(`telling owners failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    }),
  );
  return summary;
}
