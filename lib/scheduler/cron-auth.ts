/**
 * The guard of the cron endpoints: the `x-cron-secret` header against CRON_SECRET, compared in
 * constant time (over SHA-256 digests, so lengths do not leak either). With no CRON_SECRET
 * configured the endpoints do not exist (404); a missing or wrong secret is a 401.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

type CronAuth = "ok" | "disabled" | "unauthorized";

export function checkCronSecret(given: string | null, expected: string | undefined = getEnv().CRON_SECRET): CronAuth {
  if (!expected) return "disabled";
  if (!given) return "unauthorized";
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b) ? "ok" : "unauthorized";
}
