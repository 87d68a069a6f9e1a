/**
 * The digest job. A scheduler tick (in-app, cron endpoint or CLI) finds the subscribed members
 * whose local weekday and hour have come this week and sends each the digest of their last
 * complete week, once: every send is preceded by a claim (delivery/claims.ts). With an explicit
 * week (CLI `--week`), every subscribed member is due. Dry runs render and claim nothing.
 */
import type { Pool } from "pg";
import { addDays, weekdayIndex } from "@/lib/calendar/days";
import { appUrl } from "@/lib/env";
import { buildDigestData } from "../db/build";
import { listSubscriptions, type Subscription } from "../db/subscriptions";
import { claimDelivery, markFailed, markSent } from "../delivery/claims";
import { defaultTransport, type MailTransport } from "@/lib/mail/transport";
import { renderDigest } from "../render";
import { unsubscribeSecret } from "../secret";
import { unsubscribeHeaders } from "../unsubscribe";
import { lastCompleteWeek, parseWeekKey, type WeekKey } from "@/lib/calendar/week";
import { localDay, localHour } from "@/lib/calendar/zone";

interface SendOptions {
  now?: Date;
  /** Send this week to every subscribed member, whatever their slot. */
  weekKey?: WeekKey;
  dryRun?: boolean;
  orgId?: string;
  transport?: MailTransport;
  baseUrl?: string;
  secret?: Buffer;
  log?: (line: string) => void;
}

interface SendOutcome {
  orgId: string;
  userId: string;
  to: string;
  weekKey: WeekKey;
  status: "sent" | "failed" | "skipped" | "dry_run";
  subject?: string;
  error?: string;
}

/** Whether the member's slot (ISO weekday and hour, local time) has come in the current week. */
function slotHasCome(sub: Pick<Subscription, "weekday" | "hour" | "timezone">, now: Date): boolean {
  const today = localDay(now, sub.timezone);
  const slotDay = addDays(today, sub.weekday - 1 - weekdayIndex(today));
  if (today !== slotDay) return today > slotDay;
  return localHour(now, sub.timezone) >= sub.hour;
}

export async function sendDigests(pool: Pool, options: SendOptions = {}): Promise<SendOutcome[]> {
  const now = options.now ?? new Date();
  if (options.weekKey) parseWeekKey(options.weekKey);
  const transport = options.transport ?? defaultTransport(pool);
  const baseUrl = options.baseUrl ?? appUrl();
  const secret = options.secret ?? unsubscribeSecret();
  const log = options.log ?? (() => {});
  const subscriptions = await listSubscriptions(pool, { orgId: options.orgId, enabledOnly: true });
  const outcomes: SendOutcome[] = [];
  for (const sub of subscriptions) {
    if (!options.weekKey && !slotHasCome(sub, now)) continue;
    const weekKey = options.weekKey ?? lastCompleteWeek(now, sub.timezone);
    const base = { orgId: sub.orgId, userId: sub.userId, to: sub.email, weekKey };
    try {
      const built = await buildDigestData(
        pool,
        { ...base, projectId: sub.projectId, timezone: sub.timezone },
        { baseUrl, secret },
      );
      if (!built) continue;
      const rendered = renderDigest(built.data);
      if (options.dryRun) {
        outcomes.push({ ...base, status: "dry_run", subject: rendered.subject });
        continue;
      }
      const claim = await claimDelivery(pool, base, built.projectId);
      if (!claim) {
        outcomes.push({ ...base, status: "skipped" });
        continue;
      }
      try {
        const sent = await transport.send({
          orgId: sub.orgId,
          userId: sub.userId,
          to: sub.email,
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          headers: unsubscribeHeaders(built.oneClickUrl),
        });
        await markSent(pool, base, sent);
        outcomes.push({ ...base, status: "sent", subject: rendered.subject });
        log(`digest ${weekKey} sent to ${sub.email} (${sent.transport})`);
      } catch (error) {
        await markFailed(pool, base, claim.attempt, error);
        outcomes.push({
          ...base,
          status: "failed",
          subject: rendered.subject,
          error: error instanceof Error ? error.message : String(error),
        });
        log(
          `digest ${weekKey} to ${sub.email} failed (attempt ${claim.attempt}): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    } catch (error) {
      outcomes.push({ ...base, status: "failed", error: error instanceof Error ? error.message : String(error) });
      log(
        `digest ${weekKey} for ${sub.email} could not be built: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return outcomes;
}
