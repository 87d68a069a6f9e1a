/**
 * Signed one-click unsubscribe tokens: `v1.<payload>.<mac>`, both base64url, where payload is
 * the JSON array [userId, orgId, purpose] and mac = HMAC-SHA256(secret, domain tag + payload).
 * Stateless (the link works without a lookup table), unforgeable without the secret, and
 * verified in constant time. They do not expire: RFC 8058 one-click links must keep working.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { absoluteUrl } from "./links";

type UnsubscribePurpose = "weekly_digest" | "anomaly_alerts";
const PURPOSES: ReadonlySet<string> = new Set<UnsubscribePurpose>(["weekly_digest", "anomaly_alerts"]);

interface UnsubscribeClaims {
  userId: string;
  orgId: string;
  purpose: UnsubscribePurpose;
}

const VERSION = "v1";
/** Separates these MACs from any other use of the same secret. */
const DOMAIN = "inferledger/unsubscribe/v1\n";
const MIN_SECRET_BYTES = 32;

function mac(secret: string | Buffer, payload: string): Buffer {
  const key = typeof secret === "string" ? Buffer.from(secret, "utf8") : secret;
  if (key.length < MIN_SECRET_BYTES)
    throw new RangeError(`unsubscribe secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return createHmac("sha256", key).update(DOMAIN).update(payload).digest();
}

export function signUnsubscribeToken(claims: UnsubscribeClaims, secret: string | Buffer): string {
  if (!claims.userId || !claims.orgId) throw new RangeError("userId and orgId are required");
  if (!PURPOSES.has(claims.purpose)) throw new RangeError(`unknown purpose: ${claims.purpose}`);
  const payload = Buffer.from(JSON.stringify([claims.userId, claims.orgId, claims.purpose]), "utf8").toString(
    "base64url",
  );
  return `${VERSION}.${payload}.${mac(secret, payload).toString("base64url")}`;
}

/** The claims of a genuine token; null for anything forged, altered, truncated or malformed. */
export function verifyUnsubscribeToken(token: string, secret: string | Buffer): UnsubscribeClaims | null {
  if (typeof token !== "string" || token.length > 2048) return null;
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION) return null;
  const [, payload, signature] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]+$/.test(signature)) return null;
  // Compare the canonical text, not decoded bytes: base64 decoders ignore the spare bits of the
  // last character, which would let an altered string verify.
  const expected = Buffer.from(mac(secret, payload).toString("base64url"), "ascii");
  const given = Buffer.from(signature, "ascii");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3 || !decoded.every((v) => typeof v === "string")) return null;
  const [userId, orgId, purpose] = decoded as [string, string, string];
  if (!PURPOSES.has(purpose)) return null;
  return { userId, orgId, purpose: purpose as UnsubscribePurpose };
}

/** The one-click unsubscribe URL for a token, under the app's base URL. */
export function unsubscribeUrl(baseUrl: string, token: string): string {
  return absoluteUrl(baseUrl, "/unsubscribe", { token });
}

/** Headers for RFC 2369 / RFC 8058 one-click unsubscribe (mail clients show an "Unsubscribe" button). */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
