/**
 * Where rate-limit state lives. Two atomic operations cover every limit of the app: a token
 * bucket (requests per second with bursts) and an attempt counter with exponential backoff
 * (sign-in). The default store keeps both in this process's memory; a shared store (Redis,
 * PostgreSQL) implements the same interface so that several app instances share one budget.
 */
export interface BucketPolicy {
  ratePerSecond: number;
  burst: number;
}

export interface BackoffPolicy {
  /** Attempts allowed back to back before any delay. */
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface RateLimitStore {
  /**
   * Refills the bucket, then removes `cost` tokens if it holds them. A cost of 0 removes
   * nothing and answers whether one more token is there (a check before costly work).
   */
  take(key: string, policy: BucketPolicy, cost: number): Promise<RateDecision>;
  /** Counts an attempt unless the key is in its backoff delay, in which case nothing changes. */
  reserveAttempt(key: string, policy: BackoffPolicy): Promise<RateDecision>;
  /** Takes back one counted attempt (an attempt that turned out legitimate). */
  releaseAttempt(key: string): Promise<void>;
  clearAttempts(key: string): Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

interface Attempts {
  count: number;
  lastAt: number;
}

/** The bucket after refilling for the time elapsed; pure, so every store computes the same. */
function refill(bucket: Bucket | undefined, policy: BucketPolicy, now: number): Bucket {
  if (!bucket) return { tokens: policy.burst, updatedAt: now };
  const tokens = Math.min(
    policy.burst,
    bucket.tokens + (Math.max(0, now - bucket.updatedAt) / 1000) * policy.ratePerSecond,
  );
  return { tokens, updatedAt: now };
}

function takeFromBucket(bucket: Bucket, policy: BucketPolicy, cost: number): RateDecision {
  const needed = Math.max(cost, 1);
  if (bucket.tokens >= needed) {
    bucket.tokens -= cost;
    return { allowed: true, retryAfterSeconds: 0 };
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((needed - bucket.tokens) / policy.ratePerSecond)) };
}

/** Delay owed after `count` attempts: none within the free ones, then doubling up to the cap. */
function backoffDelayMs(count: number, policy: BackoffPolicy): number {
  if (count < policy.freeAttempts) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(count - policy.freeAttempts, 30));
}

/** Attempts are forgotten after twice the longest delay without any, so a capped key stays capped. */
function isForgotten(attempts: Attempts, policy: BackoffPolicy, now: number): boolean {
  return now - attempts.lastAt > 2 * policy.maxDelayMs;
}

function reserve(
  attempts: Attempts | undefined,
  policy: BackoffPolicy,
  now: number,
): { next: Attempts | undefined; decision: RateDecision } {
  const current = attempts && !isForgotten(attempts, policy, now) ? attempts : { count: 0, lastAt: now };
  const waitMs = current.lastAt + backoffDelayMs(current.count, policy) - now;
  if (waitMs > 0) return { next: attempts, decision: { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } };
  return { next: { count: current.count + 1, lastAt: now }, decision: { allowed: true, retryAfterSeconds: 0 } };
}

// Bounds memory under a flood of distinct keys (e.g. one bucket per spoofed address).
const MAX_ENTRIES = 100_000;

/** One process's store. Entries that carry no state any more are dropped when the map is full. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, Bucket>();
  private readonly attempts = new Map<string, Attempts>();

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, policy: BucketPolicy, cost: number): Promise<RateDecision> {
    const now = this.now();
    const bucket = refill(this.buckets.get(key), policy, now);
    const decision = takeFromBucket(bucket, policy, cost);
    if (bucket.tokens < policy.burst) this.remember(this.buckets, key, bucket);
    else this.buckets.delete(key);
    return decision;
  }

  async reserveAttempt(key: string, policy: BackoffPolicy): Promise<RateDecision> {
    const { next, decision } = reserve(this.attempts.get(key), policy, this.now());
    if (next) this.remember(this.attempts, key, next);
    return decision;
  }

  async releaseAttempt(key: string): Promise<void> {
    const attempts = this.attempts.get(key);
    if (!attempts) return;
    if (attempts.count <= 1) this.attempts.delete(key);
    else attempts.count -= 1;
  }

  async clearAttempts(key: string): Promise<void> {
    this.attempts.delete(key);
  }

  private remember<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key); // re-insert so the map's order is least recently used first
    map.set(key, value);
    if (map.size > MAX_ENTRIES) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  }
}

// On globalThis: Next.js may load this module once per route bundle, and a budget is per process.
const holder = globalThis as typeof globalThis & { __inferledgerRateLimitStore?: RateLimitStore };

export function rateLimitStore(): RateLimitStore {
  holder.__inferledgerRateLimitStore ??= new MemoryRateLimitStore();
  return holder.__inferledgerRateLimitStore;
}

/** Plugs in another store (a shared one, or a fresh one for a test); returns the previous one. */
export function setRateLimitStore(next: RateLimitStore): RateLimitStore {
  const previous = rateLimitStore();
  holder.__inferledgerRateLimitStore = next;
  return previous;
}
