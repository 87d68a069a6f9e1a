/** Email alerts go at once through the app's mail transport (SMTP_URL, or the local outbox). */
import type { AlertMessage } from "../message";
import type { Sender } from "./types";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function renderAlertEmail(message: AlertMessage): { subject: string; text: string; html: string } {
  const facts = message.facts.map((fact) => `${fact.label}: ${fact.value}`);
  const text = [message.title, "", message.summary, "", ...facts, "", `Open: ${message.url}`].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif">
<h2 style="font-size:18px">${escapeHtml(message.title)}</h2>
<p>${escapeHtml(message.summary)}</p>
<table>${message.facts.map((fact) => `<tr><th align="left">${escapeHtml(fact.label)}</th><td>${escapeHtml(fact.value)}</td></tr>`).join("")}</table>
<p><a href="${escapeHtml(message.url)}">Open in InferLedger</a></p>
</body></html>`;
  return { subject: `[InferLedger] ${message.title}`, text, html };
}

export const sendEmail: Sender = async (channel, message, deps) => {
  try {
    const rendered = renderAlertEmail(message);
    await deps.mail.send({
      orgId: channel.orgId,
      userId: null,
      to: channel.target,
      ...rendered,
      headers: { "X-InferLedger-Alert": message.id },
    });
    return { ok: true, statusCode: null, error: null };
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
    };
  }
};
