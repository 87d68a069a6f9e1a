/**
 * Generic webhooks: the alert's JSON, signed. The header
 *   InferLedger-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * lets a receiver check the body came from us unchanged; a receiver should also refuse a `t`
 * more than REPLAY_WINDOW_SECONDS from its clock, so a captured request cannot be replayed later.
 * verifySignature is that check, exported for receivers written in TypeScript and for the tests.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { postJson } from "./http";
import type { Sender } from "./types";

export const SIGNATURE_HEADER = "InferLedger-Signature";
export const REPLAY_WINDOW_SECONDS = 300;

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function signature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signature(secret, timestamp, body)}`;
}

type Verification = { ok: true; timestamp: number } | { ok: false; reason: string };

export function verifySignature(
  secret: string,
  header: string | null,
  body: string,
  nowSeconds: number,
  toleranceSeconds = REPLAY_WINDOW_SECONDS,
): Verification {
  if (!header) return { ok: false, reason: "no signature header" };
  const parts = new Map(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1");
  if (!Number.isInteger(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given))
    return { ok: false, reason: "malformed signature header" };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds)
    return { ok: false, reason: "timestamp outside the replay window" };
  const expected = Buffer.from(signature(secret, timestamp, body), "hex");
  return timingSafeEqual(expected, Buffer.from(given, "hex"))
    ? { ok: true, timestamp }
    : { ok: false, reason: "signature mismatch" };
}

export const sendWebhook: Sender = async (channel, message, deps) => {
  const body = JSON.stringify(message);
  const timestamp = Math.floor(deps.now().getTime() / 1000);
  return postJson(
    channel.target,
    body,
    {
      [SIGNATURE_HEADER]: signatureHeader(channel.signingSecret!, timestamp, body),
      "InferLedger-Event": message.type,
      "InferLedger-Delivery": message.id,
    },
    "webhook",
  );
};
