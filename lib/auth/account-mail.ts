/**
 * The email a registered user gets when someone signs up with their address: sign-up answers
 * the same either way, so this is how the real owner learns of it (and how they are reminded
 * that they already have an account).
 */
import type { Pool } from "pg";
import { defaultTransport, type MailTransport } from "@/lib/mail/transport";
import { appUrl } from "@/lib/env";

export const EXISTING_ACCOUNT_SUBJECT = "Someone tried to create an InferLedger account with your email";

export async function mailExistingAccountOwner(
  pool: Pool,
  user: { id: string; email: string },
  transport: MailTransport = defaultTransport(pool),
): Promise<void> {
  // The outbox files every message under an organisation: the one the user has been in longest.
  const { rows } = await pool.query<{ org_id: string }>(
    "SELECT org_id FROM memberships WHERE user_id = $1 ORDER BY created_at LIMIT 1",
    [user.id],
  );
  const orgId = rows[0]?.org_id;
  if (!orgId) {
    console.warn("[sign-up] an existing account without organisation was signed up for again; no mail sent");
    return;
  }
  const login = `${appUrl()}/login`;
  const text = [
    "Someone (perhaps you) tried to create an InferLedger account with this email address.",
    "You already have an account, so nothing was created and nothing changed.",
    `To log in, go to ${login}.`,
    "If this was not you, you can ignore this email.",
  ].join("\n\n");
  const html = text
    .split("\n\n")
    .map((paragraph) => `<p>${paragraph.replace(login, `<a href="${login}">${login}</a>`)}</p>`)
    .join("\n");
  await transport.send({
    orgId,
    userId: user.id,
    to: user.email,
    subject: EXISTING_ACCOUNT_SUBJECT,
    html,
    text,
    headers: {},
  });
}
