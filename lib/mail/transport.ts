/**
 * Where email goes: SMTP through nodemailer when SMTP_URL is set, otherwise the local outbox
 * table that the app lists. One transporter per URL and process.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { Pool } from "pg";
import { getEnv } from "@/lib/env";

export interface OutgoingMail {
  orgId: string;
  userId: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export interface SentMail {
  transport: "smtp" | "outbox";
  messageId: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<SentMail>;
}

const transporters = new Map<string, Transporter>();

export function smtpTransport(url: string, from: string): MailTransport {
  let transporter = transporters.get(url);
  if (!transporter) {
    transporter = nodemailer.createTransport(url);
    transporters.set(url, transporter);
  }
  const t = transporter;
  return {
    async send(mail) {
      const info = await t.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers,
      });
      return { transport: "smtp", messageId: info.messageId };
    },
  };
}

function outboxTransport(pool: Pool): MailTransport {
  return {
    async send(mail) {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO outbox_messages (org_id, user_id, to_address, subject, html, text, headers)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [mail.orgId, mail.userId, mail.to, mail.subject, mail.html, mail.text, JSON.stringify(mail.headers)],
      );
      return { transport: "outbox", messageId: `outbox:${rows[0]!.id}` };
    },
  };
}

/** The configured transport: SMTP_URL, or the outbox. */
export function defaultTransport(pool: Pool): MailTransport {
  const env = getEnv();
  return env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.EMAIL_FROM) : outboxTransport(pool);
}
