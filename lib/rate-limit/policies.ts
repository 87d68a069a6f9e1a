/** The app's limits, read from the environment (lib/env.ts documents each variable). */
import { getEnv, type Env } from "@/lib/env";
import type { BackoffPolicy, BucketPolicy } from "./store";

export type BucketName = "ingest" | "api" | "invalid_key";
type BackoffName = "signin_email" | "signin_address";

export function bucketPolicy(name: BucketName, env: Env = getEnv()): BucketPolicy {
  switch (name) {
    case "ingest":
      return { ratePerSecond: env.INGEST_RATE_PER_SECOND, burst: env.INGEST_RATE_PER_SECOND * 2 };
    case "api":
      return { ratePerSecond: env.API_RATE_PER_SECOND, burst: env.API_RATE_BURST };
    case "invalid_key":
      return { ratePerSecond: env.INVALID_KEY_RATE_PER_SECOND, burst: env.INVALID_KEY_BURST };
  }
}

const SIGNIN_BASE_DELAY_MS = 1000;

export function backoffPolicy(name: BackoffName, env: Env = getEnv()): BackoffPolicy {
  const freeAttempts =
    name === "signin_email" ? env.SIGNIN_FREE_ATTEMPTS_PER_EMAIL : env.SIGNIN_FREE_ATTEMPTS_PER_ADDRESS;
  return { freeAttempts, baseDelayMs: SIGNIN_BASE_DELAY_MS, maxDelayMs: env.SIGNIN_MAX_DELAY_SECONDS * 1000 };
}
