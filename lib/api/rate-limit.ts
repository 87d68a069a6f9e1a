/**
 * Request limits of the HTTP API, answered as 429 with Retry-After in the error envelope.
 * State lives in the pluggable store of lib/rate-limit/store.ts (per process by default).
 */
import { bucketPolicy, type BucketName } from "@/lib/rate-limit/policies";
import { rateLimitStore } from "@/lib/rate-limit/store";
import { ApiError } from "./errors";

function rateLimited(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError("rate_limited", `${message}; retry after ${retryAfterSeconds} s`, {
    "Retry-After": String(retryAfterSeconds),
  });
}

/** Spends one request of `subject` (an API key, a user, an address) from the named budget. */
export async function spendRequest(name: BucketName, subject: string, who: string): Promise<void> {
  const policy = bucketPolicy(name);
  const decision = await rateLimitStore().take(`${name}:${subject}`, policy, 1);
  if (!decision.allowed) {
    throw rateLimited(
      `Too many requests for ${who}: at most ${policy.ratePerSecond} per second, bursts of ${policy.burst}`,
      decision.retryAfterSeconds,
    );
  }
}

const INVALID_KEY_MESSAGE = "Too many requests with an unknown or invalid API key from this address";

/** Refuses an address that has used up its budget of failed keys, before any key lookup. */
export async function checkInvalidKeyBudget(address: string): Promise<void> {
  const decision = await rateLimitStore().take(`invalid_key:${address}`, bucketPolicy("invalid_key"), 0);
  if (!decision.allowed) throw rateLimited(INVALID_KEY_MESSAGE, decision.retryAfterSeconds);
}

export async function spendInvalidKey(address: string): Promise<void> {
  await rateLimitStore().take(`invalid_key:${address}`, bucketPolicy("invalid_key"), 1);
}
