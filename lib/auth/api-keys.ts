import { createHash, randomBytes } from "node:crypto";

/**
 * API keys look like `ilk_3f9a2c1e_<32 base62 chars>`. The first part is the visible prefix;
 * the whole key is hashed with SHA-256 (it has 190 bits of entropy, so a slow hash buys
 * nothing) and looked up by that hash, so the secret itself is never stored.
 */
export const KEY_SCOPES = ["ingest", "read", "admin"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = /^ilk_[0-9a-f]{8}_[0-9A-Za-z]{32}$/;

interface GeneratedKey {
  key: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): GeneratedKey {
  const prefix = `ilk_${randomBytes(4).toString("hex")}`;
  const secret = randomBase62(32);
  const key = `${prefix}_${secret}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

/** Rejection sampling: bytes >= 248 are dropped so every character is equally likely. */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

export function maskApiKey(prefix: string): string {
  return `${prefix}_••••••••`;
}

export function isKeyScope(value: string): value is KeyScope {
  return (KEY_SCOPES as readonly string[]).includes(value);
}
