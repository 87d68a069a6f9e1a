import type { MailTransport } from "@/lib/mail/transport";
import type { AlertMessage } from "../message";

/** What one attempt to deliver an alert came to: HTTP status for webhooks, none for email. */
export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

export interface ChannelTarget {
  orgId: string;
  kind: "email" | "slack" | "webhook";
  target: string;
  signingSecret: string | null;
}

export interface SendDeps {
  mail: MailTransport;
  now: () => Date;
}

export type Sender = (channel: ChannelTarget, message: AlertMessage, deps: SendDeps) => Promise<SendResult>;
