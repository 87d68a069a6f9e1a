/**
 * Slack incoming webhooks: a Block Kit message a person can act on: what happened (section),
 * the figures (section fields), where (context) and a button to the budget or anomaly
 * (actions). `text` is the notification fallback. Slack's mrkdwn needs &, < and > escaped.
 */
import type { AlertMessage } from "../message";
import { postJson } from "./http";
import type { Sender } from "./types";

function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function slackPayload(message: AlertMessage) {
  const where = [message.organization.name, message.project?.name].filter(Boolean).join(" · ");
  return {
    text: message.title,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `*${escapeMrkdwn(message.title)}*\n${escapeMrkdwn(message.summary)}` },
      },
      ...(message.facts.length
        ? [
            {
              type: "section",
              fields: message.facts.slice(0, 10).map((fact) => ({
                type: "mrkdwn",
                text: `*${escapeMrkdwn(fact.label)}*\n${escapeMrkdwn(fact.value)}`,
              })),
            },
          ]
        : []),
      { type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(`${where} · InferLedger`) }] },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: {
              type: "plain_text",
              text: message.budget ? "Open the budget" : message.anomaly ? "Open the anomaly" : "Open InferLedger",
            },
            url: message.url,
          },
        ],
      },
    ],
  };
}

export const sendSlack: Sender = (channel, message) =>
  postJson(channel.target, JSON.stringify(slackPayload(message)), {}, "slack");
