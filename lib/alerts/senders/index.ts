import { sendEmail } from "./email";
import { sendSlack } from "./slack";
import type { ChannelTarget, Sender } from "./types";
import { sendWebhook } from "./webhook";

export const SENDERS: Record<ChannelTarget["kind"], Sender> = {
  email: sendEmail,
  slack: sendSlack,
  webhook: sendWebhook,
};
