/** Token counts in InferLedger's canonical, non-overlapping classes. */
export interface Tokens {
  input?: number;
  cacheRead?: number;
  cacheWrite5m?: number;
  cacheWrite1h?: number;
  output?: number;
  reasoning?: number;
  audioInput?: number;
  audioOutput?: number;
  imageInput?: number;
  imageOutput?: number;
}

export type ServiceTier = "standard" | "batch" | "flex" | "priority";

/** Attribution that follows async code (see withContext) or is passed per call. */
export interface Context {
  customer?: string;
  feature?: string;
  traceId?: string;
  sessionId?: string;
  metadata?: Record<string, string>;
}

export interface UsageInput extends Context {
  provider: string;
  model: string;
  /** The provider's raw usage object, exactly as its API returned it. */
  usage?: Record<string, unknown>;
  /**
   * Which shape `usage` is, where its fields cannot tell (e.g. "vercel_ai_v5_anthropic" for a
   * Vercel AI SDK v5 usage from a provider whose reading is unknown); the API names the choices.
   */
  usageFormat?: string;
  /** Canonical token counts (use instead of `usage` for self-hosted models). */
  tokens?: Tokens;
  gpu?: { seconds: number; type?: string; pool?: string };
  serviceTier?: ServiceTier;
  latencyMs?: number;
  status?: "ok" | "error";
  errorType?: string;
  /** Cost the client computed itself, as a decimal string ("0.0123"). */
  costUsd?: string | number;
  /** Defaults to a new time-sortable id; pass your own to make retries idempotent end to end. */
  eventId?: string;
  /** Defaults to the time of the call. */
  occurredAt?: Date | string | number;
}

export interface OutcomeInput {
  outcome: string;
  /** Required, here or from withContext / defaults. */
  customer?: string;
  feature?: string;
  quantity?: number;
  /** Money value of the outcome, as a number or a decimal string. */
  value?: number | string;
  eventId?: string;
  occurredAt?: Date | string | number;
}

export type ErrorCode =
  | "invalid_argument"
  | "queue_full"
  | "closed"
  | "rejected"
  | "http_error"
  | "retries_exhausted"
  | "spool_error";

/** What onError receives. Never thrown: the SDK reports, it does not throw. */
export interface InferLedgerError extends Error {
  code: ErrorCode;
  /** HTTP status when the server answered. */
  status?: number;
  /** Number of events the error concerns. */
  count?: number;
  /** For "rejected": the server's per-event results that were rejected. */
  rejected?: Array<{ index: number; event_id?: string; field?: string; reason?: string }>;
}

/** The subset of fetch's Response the SDK reads. */
export interface FetchResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: unknown; signal?: unknown },
) => Promise<FetchResponse>;

export interface ClientOptions {
  /** Ingest key (Bearer). */
  apiKey: string;
  /** Base URL of your InferLedger server, e.g. "https://inferledger.example.com". */
  endpoint: string;
  /** Send as soon as this many events are queued. Default 100. */
  flushAt?: number;
  /** Send whatever is queued at least this often. Default 2000 ms. */
  flushIntervalMs?: number;
  /** Upper bound of one request body (JSON, before gzip). Default 512 KiB, at most 1 MB. */
  maxBatchBytes?: number;
  /** Events held in memory before the overflow policy applies. Default 10000. */
  maxQueueSize?: number;
  /** What a full queue drops. Default "drop-oldest". */
  overflow?: "drop-oldest" | "drop-newest";
  /** Retries per batch after the first attempt. Default 5. */
  maxRetries?: number;
  /** Backoff base and cap (full jitter). Default 500 ms and 30000 ms. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Abort one request after this long. Default 10000 ms. */
  requestTimeoutMs?: number;
  /** shutdown() gives up after this long. Default 5000 ms. */
  shutdownTimeoutMs?: number;
  /** Gzip bodies over 1 KiB where CompressionStream exists (about 10x fewer bytes, about 2 µs more CPU per event). Default false. */
  gzip?: boolean;
  /** Default: node:http with a keep-alive Agent on Node, globalThis.fetch elsewhere. Set, it is used on Node too. */
  fetch?: FetchLike;
  /** Receives every failure. Default: console.warn. */
  onError?: (error: InferLedgerError) => void;
  /** Node only: a file where batches wait until the server acknowledged them. */
  spoolPath?: string;
  /** Applied to every event unless the call or the context sets the field. */
  defaults?: Context & { serviceTier?: ServiceTier };
  /** Drop everything silently (tests, local development). Default false. */
  disabled?: boolean;
}

export interface Stats {
  /** Events waiting in memory (queued or in a batch being sent). */
  queued: number;
  /** Events the server acknowledged (accepted or duplicate). */
  sent: number;
  /** Events dropped before sending (full queue, after shutdown, invalid). */
  dropped: number;
  /** Events that will not be delivered (rejected, 4xx, retries exhausted without a spool). */
  failed: number;
  /** Events kept in the spool file after retries ran out, to be replayed. */
  spooled: number;
}

export interface InferLedgerClient {
  track(event: UsageInput): void;
  outcome(event: OutcomeInput): void;
  /** Sends everything queued; resolves when done (never rejects). */
  flush(): Promise<void>;
  /** Flushes within shutdownTimeoutMs, then stops; later calls are dropped. */
  shutdown(): Promise<void>;
  withContext<R>(context: Context, fn: () => R): R;
  stats(): Stats;
}
