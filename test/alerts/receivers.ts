/** Real local receivers for alert tests: an SMTP server and an HTTP server on loopback. */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll } from "vitest";
import type { AddressInfo } from "node:net";
import { smtpTransport, type MailTransport } from "@/lib/mail/transport";
import { resetEnvForTests } from "@/lib/env";
import { parseMail, type ParsedMail } from "../digest/mime";
import { startTestSmtpServer } from "../support/smtp";

export interface ReceivedMail extends ParsedMail {
  to: string[];
}

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Receivers {
  /** Every message received so far, parsed. */
  readonly mails: ReceivedMail[];
  requests: ReceivedRequest[];
  mail: MailTransport;
  url(path: string): string;
  close(): Promise<void>;
}

export const TEST_BASE_URL = "https://app.inferledger.test";

/** Receivers started before a test file's tests and closed after them. */
export function useReceivers(): Receivers {
  const receivers = {} as Receivers;
  beforeAll(async () => {
    // Descriptors, not values: `mails` stays a live getter.
    Object.defineProperties(receivers, Object.getOwnPropertyDescriptors(await startReceivers()));
  });
  afterAll(() => receivers.close());
  return receivers;
}

/**
 * Paths starting with /fail answer 500, /redirect answers 302 to the path after it, everything
 * else 200. The receivers listen on loopback, which alerts refuse by default: this opts in
 * (ALERT_WEBHOOK_ALLOWED_NETWORKS), as a developer running a local receiver would.
 */
export async function startReceivers(): Promise<Receivers> {
  process.env.ALERT_WEBHOOK_ALLOWED_NETWORKS = "127.0.0.1/32";
  resetEnvForTests();
  const requests: ReceivedRequest[] = [];
  const smtp = await startTestSmtpServer();
  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({ path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const path = req.url ?? "/";
      if (path.startsWith("/redirect")) return res.writeHead(302, { location: path.slice("/redirect".length) }).end();
      const fail = path.startsWith("/fail");
      res.writeHead(fail ? 500 : 200, { "content-type": "text/plain" }).end(fail ? "receiver down" : "ok");
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const httpPort = (http.address() as AddressInfo).port;
  return {
    get mails() {
      return smtp.received.map(({ to, raw }) => ({ ...parseMail(raw), to }));
    },
    requests,
    mail: smtpTransport(smtp.url, "InferLedger <alerts@inferledger.test>"),
    url: (path) => `http://127.0.0.1:${httpPort}${path}`,
    async close() {
      await smtp.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

// Slack payloads are checked as loose JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * The Block Kit rules a Slack incoming webhook enforces for what we send: a `blocks` array of
 * section / context / actions blocks; text objects are { type: mrkdwn | plain_text, text };
 * buttons carry plain_text and a URL; a section has text or fields (at most 10). Returns the
 * problems found (none: valid).
 */
export function blockKitProblems(payload: Json): string[] {
  const problems: string[] = [];
  const textObject = (value: Json, where: string, plainOnly = false) => {
    if (!value || typeof value !== "object") return problems.push(`${where}: not a text object`);
    if (!(plainOnly ? ["plain_text"] : ["mrkdwn", "plain_text"]).includes(value.type))
      problems.push(`${where}.type: ${value.type}`);
    if (typeof value.text !== "string" || value.text.length === 0 || value.text.length > 3000)
      problems.push(`${where}.text: 1 to 3000 characters`);
  };
  if (typeof payload.text !== "string") problems.push("text: the notification fallback is missing");
  if (!Array.isArray(payload.blocks) || payload.blocks.length === 0 || payload.blocks.length > 50)
    return [...problems, "blocks: 1 to 50 blocks"];
  payload.blocks.forEach((block: Json, i: number) => {
    const where = `blocks[${i}]`;
    if (block.type === "section") {
      if (!block.text && !block.fields) problems.push(`${where}: text or fields`);
      if (block.text) textObject(block.text, `${where}.text`);
      if (block.fields) {
        if (!Array.isArray(block.fields) || block.fields.length > 10) problems.push(`${where}.fields: at most 10`);
        else block.fields.forEach((field: Json, j: number) => textObject(field, `${where}.fields[${j}]`));
      }
    } else if (block.type === "context") {
      if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10)
        problems.push(`${where}.elements: 1 to 10`);
      else block.elements.forEach((element: Json, j: number) => textObject(element, `${where}.elements[${j}]`));
    } else if (block.type === "actions") {
      if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 25)
        problems.push(`${where}.elements: 1 to 25`);
      else
        block.elements.forEach((element: Json, j: number) => {
          if (element.type !== "button") problems.push(`${where}.elements[${j}].type: ${element.type}`);
          textObject(element.text, `${where}.elements[${j}].text`, true);
          if (typeof element.url !== "string" || !/^https?:\/\//.test(element.url))
            problems.push(`${where}.elements[${j}].url`);
        });
    } else problems.push(`${where}.type: ${block.type} is not section, context or actions`);
  });
  return problems;
}
