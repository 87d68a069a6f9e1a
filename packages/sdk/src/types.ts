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
  /**
   * The provider's raw usage object, exactly as its API returned it: OpenAI's CompletionUsage or
   * ResponseUsage, Anthropic's Usage, the Vercel AI SDK's LanguageModelUsage, LangChain's
   * UsageMetadata, Gemini's usageMetadata, or OpenTelemetry gen_ai.usage.* attributes.
   */
  usage?: object;
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
  /** A call with a bad argument: the event is lost. */
  | "invalid_argument"
  /** The in-memory queue was full (maxQueueSize): the new events are lost. */
  | "queue_full"
  /** track() or outcome() after shutdown(): the events are lost. */
  | "closed"
  /** The server refused these events in its per-event results: lost. */
  | "rejected"
  /** The server refused the batch for good (400, 404, 422, ...): lost; 401/403 stay in the spool for the next start. */
  | "http_error"
  /** Retried for maxEventAgeMs without success: lost. */
  | "expired"
  /** Still undelivered when shutdown() ended, with no spool to keep them: lost. */
  | "shutdown"
  /** Not a loss: the server cannot be reached or answered 408/429/5xx; the events are being retried. */
  | "retrying"
  /** Not a loss by itself: the spool could not be opened or written (full: maxSpoolBytes); events stay in memory. */
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
  /** Ingest key (Bearer). Missing (an unset environment variable): the client drops everything and reports it once. */
  apiKey: string | undefined;
  /** Base URL of your InferLedger server, e.g. "https://inferledger.example.com". */
  endpoint: string;
  /** Send as soon as this many events are queued. Default 100. */
  flushAt?: number;
  /** Send whatever is queued at least this often. Default 2000 ms. */
  flushIntervalMs?: number;
  /** Upper bound of one request body (JSON, before gzip). Default 512 KiB, at most 1 MB. */
  maxBatchBytes?: number;
  /** Requests sent at the same time. Default 4. */
  maxInFlight?: number;
  /** Events held in memory (queued, being sent or retried). A full queue refuses new events: track() returns false and they are lost. Default 100000. */
  maxQueueSize?: number;
  /** An event is retried until it is this old (counted from track()). Default 24 hours. */
  maxEventAgeMs?: number;
  /** Backoff base and cap (full jitter: a random wait up to min(cap, base * 2^attempt)). Default 500 ms and 30000 ms. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Abort one request after this long. Default 10000 ms. */
  requestTimeoutMs?: number;
  /** How long flush() waits, and shutdown() tries, before returning. Default 10000 ms. */
  shutdownTimeoutMs?: number;
  /** Gzip bodies over 1 KiB where CompressionStream exists (about 10x fewer bytes, about 2 µs more CPU per event). Default false. */
  gzip?: boolean;
  /** Default: node:http with a keep-alive Agent on Node, globalThis.fetch elsewhere. Set, it is used on Node too. */
  fetch?: FetchLike;
  /** Receives every failure and every lost event. Default: console.warn. */
  onError?: (error: InferLedgerError) => void;
  /** Node: keep undelivered batches on disk and replay them at the next start. Default true where node:fs exists. */
  spool?: boolean;
  /** Folder of the spool. Default: <os.tmpdir()>/inferledger-sdk/<hash of endpoint and key>. */
  spoolDir?: string;
  /** Bytes one process may keep in its spool file. Default 64 MiB. */
  maxSpoolBytes?: number;
  /** Applied to every event unless the call or the context sets the field. */
  defaults?: Context & { serviceTier?: ServiceTier };
  /** Drop everything silently (tests, local development). Default false. */
  disabled?: boolean;
}

/** Where every event ended up so far, counted since the client was created. */
export interface Totals {
  /** Acknowledged by the server (accepted or duplicate). */
  delivered: number;
  /** On disk, waiting for the server (while the process runs they are also retried from memory). */
  spooled: number;
  /** Never to be delivered; each one was reported to onError with its reason. */
  lost: number;
  /** In memory: queued, being sent or being retried. */
  queued: number;
}

export type Stats = Totals;

export interface InferLedgerClient {
  /** Queues a usage event. Returns false when the queue is past half of maxQueueSize: bulk senders then await whenReady(). */
  track(event: UsageInput): boolean;
  /** Queues an outcome event; returns like track(). */
  outcome(event: OutcomeInput): boolean;
  /** Resolves once the queue is below half of maxQueueSize (at once if it is). */
  whenReady(): Promise<void>;
  /** Sends everything queued; resolves when nothing is left in memory, or after shutdownTimeoutMs. Never rejects. */
  flush(): Promise<Totals>;
  /** Flushes within shutdownTimeoutMs, keeps the rest in the spool (or reports it lost), then stops. */
  shutdown(): Promise<Totals>;
  /** Node: on SIGTERM and SIGINT, shut down, then let the signal end the process as it would have. Returns a function that removes the hooks. */
  installShutdownHooks(): () => void;
  withContext<R>(context: Context, fn: () => R): R;
  stats(): Stats;
}
