import { describe, expect, it } from "vitest";
import { MemoryRateLimitStore, type BackoffPolicy } from "@/lib/rate-limit/store";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("token bucket", () => {
  const policy = { ratePerSecond: 2, burst: 4 };

  it("allows a burst, then refuses with the seconds until a token is back, then refills with time", async () => {
    const time = clock();
    const store = new MemoryRateLimitStore(time.now);
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await store.take("k", policy, 1));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, false]);
    expect(decisions[4]!.retryAfterSeconds).toBe(1);
    time.advance(500); // one token at 2 per second
    expect((await store.take("k", policy, 1)).allowed).toBe(true);
    expect((await store.take("k", policy, 1)).allowed).toBe(false);
    expect((await store.take("other", policy, 1)).allowed).toBe(true);
  });

  it("checks without spending when the cost is 0", async () => {
    const store = new MemoryRateLimitStore(clock().now);
    const single = { ratePerSecond: 1, burst: 1 };
    expect((await store.take("k", single, 0)).allowed).toBe(true);
    expect((await store.take("k", single, 0)).allowed).toBe(true);
    expect((await store.take("k", single, 1)).allowed).toBe(true);
    expect(await store.take("k", single, 0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});

describe("attempts with exponential backoff", () => {
  const policy: BackoffPolicy = { freeAttempts: 2, baseDelayMs: 1000, maxDelayMs: 8000 };

  it("lets the free attempts through, then doubles the delay after each attempt up to the cap", async () => {
    const time = clock();
    const store = new MemoryRateLimitStore(time.now);
    expect((await store.reserveAttempt("e", policy)).allowed).toBe(true);
    expect((await store.reserveAttempt("e", policy)).allowed).toBe(true);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const refused = await store.reserveAttempt("e", policy);
      expect(refused.allowed).toBe(false);
      waits.push(refused.retryAfterSeconds);
      time.advance(refused.retryAfterSeconds * 1000);
      expect((await store.reserveAttempt("e", policy)).allowed).toBe(true);
    }
    expect(waits).toEqual([1, 2, 4, 8, 8, 8]);
  });

  it("does not lengthen the delay for attempts refused inside it", async () => {
    const time = clock();
    const store = new MemoryRateLimitStore(time.now);
    for (let i = 0; i < 2; i++) await store.reserveAttempt("e", policy);
    time.advance(400);
    expect((await store.reserveAttempt("e", policy)).retryAfterSeconds).toBe(1);
    for (let i = 0; i < 10; i++) await store.reserveAttempt("e", policy);
    time.advance(600);
    expect((await store.reserveAttempt("e", policy)).allowed).toBe(true);
  });

  it("forgets a key after twice the longest delay without attempts, and on clear", async () => {
    const time = clock();
    const store = new MemoryRateLimitStore(time.now);
    for (let i = 0; i < 2; i++) await store.reserveAttempt("e", policy);
    expect((await store.reserveAttempt("e", policy)).allowed).toBe(false);
    time.advance(16_001);
    expect((await store.reserveAttempt("e", policy)).allowed).toBe(true);
    expect((await store.reserveAttempt("e", policy)).allowed).toBe(true);
    expect((await store.reserveAttempt("e", policy)).allowed).toBe(false);
    await store.clearAttempts("e");
    expect((await store.reserveAttempt("e", policy)).allowed).toBe(true);
  });

  it("takes back a released attempt", async () => {
    const store = new MemoryRateLimitStore(clock().now);
    await store.reserveAttempt("e", policy);
    await store.reserveAttempt("e", policy);
    await store.releaseAttempt("e");
    expect((await store.reserveAttempt("e", policy)).allowed).toBe(true);
    expect((await store.reserveAttempt("e", policy)).allowed).toBe(false);
  });
});
