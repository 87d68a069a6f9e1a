/**
 * Per-key request rate of the ingestion API: INGEST_RATE_PER_SECOND requests per second per
 * API key, with bursts of twice that (one process's share; see lib/api/rate-limit.ts).
 */
import { ApiError } from "@/lib/api/errors";
import { RateLimiter } from "@/lib/api/rate-limit";
import { getEnv } from "@/lib/env";

let limiter: { rate: number; limiter: RateLimiter } | undefined;

export function takeIngestToken(keyId: string): void {
  const rate = getEnv().INGEST_RATE_PER_SECOND;
  if (limiter?.rate !== rate) limiter = { rate, limiter: new RateLimiter(rate) };
  const decision = limiter.limiter.take(keyId);
  if (!decision.allowed) {
    throw new ApiError("rate_limited", `This API key exceeded ${rate} requests per second; retry after ${decision.retryAfterSeconds} s`, {
      "Retry-After": String(decision.retryAfterSeconds),
    });
  }
}
