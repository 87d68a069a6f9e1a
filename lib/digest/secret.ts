/**
 * The key that signs unsubscribe links: derived from AUTH_SECRET (HMAC with a purpose label, so
 * the session secret itself never signs links). The CLI has no AUTH_SECRET of its own when the
 * launcher generated one; it reads the same file the launcher wrote next to the data folder.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

export function unsubscribeSecret(): Buffer {
  const env = getEnv();
  let secret = env.AUTH_SECRET;
  if (!secret) {
    try {
      secret = readFileSync(
        path.join(path.dirname(path.resolve(env.INFERLEDGER_DATA_DIR)), "auth-secret"),
        "utf8",
      ).trim();
    } catch {
      throw new Error(
        "AUTH_SECRET is not set: it signs the unsubscribe links of the digest. Set it (32+ characters) or start the app once with `npm start`.",
      );
    }
  }
  return createHmac("sha256", secret).update("inferledger/digest-unsubscribe-key").digest();
}
