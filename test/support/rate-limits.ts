import { afterAll, beforeAll, beforeEach } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { MemoryRateLimitStore, setRateLimitStore, type RateLimitStore } from "@/lib/rate-limit/store";

/**
 * Limits for one test file: `env` set for the file, and a fresh memory store per test on a
 * clock the test moves (`clock.advance(ms)`), so a test sees budgets refill without waiting.
 */
export function useRateLimits(env: Record<string, string>): { advance(ms: number): void } {
  let now = 0;
  let previous: RateLimitStore | undefined;
  beforeAll(() => {
    Object.assign(process.env, env);
    resetEnvForTests();
  });
  beforeEach(() => {
    now = 1_000_000;
    const store = new MemoryRateLimitStore(() => now);
    const replaced = setRateLimitStore(store);
    previous ??= replaced;
  });
  afterAll(() => {
    if (previous) setRateLimitStore(previous);
    for (const name of Object.keys(env)) delete process.env[name];
    resetEnvForTests();
  });
  return { advance: (ms) => void (now += ms) };
}
