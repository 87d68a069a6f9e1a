/**
 * The alerting job, run by the in-app scheduler every minute, by POST /api/cron/alerts, or
 * directly: evaluate budgets and anomalies (claiming what alerts), then send what is due.
 * Safe to run from several instances at once: claims live in the database.
 */
import type { Pool } from "pg";
import { defaultTransport, type MailTransport } from "@/lib/mail/transport";
import { appUrl } from "@/lib/env";
import { deliverDue, type DeliverySummary } from "./deliver";
import { evaluateAnomalies, evaluateBudgets } from "./evaluate";

export interface AlertJobOptions {
  now?: Date;
  mail?: MailTransport;
  baseUrl?: string;
  /** Only this organisation (tests, manual runs). */
  orgId?: string | null;
  log?: (line: string) => void;
}

export interface AlertJobSummary extends DeliverySummary {
  claimed: string[];
}

export async function runAlerts(pool: Pool, options: AlertJobOptions = {}): Promise<AlertJobSummary> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const context = { now, baseUrl: options.baseUrl ?? appUrl(), orgId: options.orgId ?? null };
  const claimed = [...(await evaluateBudgets(pool, context)), ...(await evaluateAnomalies(pool, context))];
  for (const key of claimed) log(`alert claimed: ${key}`);
  const delivered = await deliverDue(pool, {
    now,
    mail: options.mail ?? defaultTransport(pool),
    log,
    orgId: options.orgId ?? null,
  });
  return { claimed, ...delivered };
}
