import { withContext } from "./context.js";
import { outcomeEvent, usageEvent } from "./events.js";
import { answerOf, gzip, retryAfterMs } from "./http.js";
import { newId } from "./id.js";
import type { NodeRuntime, ProcessHooks } from "./node.js";
import type { Batch, Spool } from "./spool.js";
import type {
  ClientOptions,
  ErrorCode,
  FetchLike,
  FetchResponse,
  InferLedgerClient,
  InferLedgerError,
  OutcomeInput,
  Totals,
  UsageInput,
} from "./types.js";

const MAX_EVENTS = 1000;
const MAX_BYTES = 1_000_000;
const ENVELOPE = 13; // {"events":[]}
// A variable, so that bundlers leave the Node-only module out of every bundle of the core.
const NODE_MODULE = "./node.js";

const SIGNALS = ["SIGINT", "SIGTERM"];

interface Process {
  versions?: { node?: string };
  on(event: string, listener: (signal: string) => void): void;
  off(event: string, listener: (signal: string) => void): void;
}

type Timer = { unref?: () => void } | number;
const unref = (timer: Timer): Timer => ((timer as { unref?: () => void }).unref?.(), timer);
/** A numeric option: its value when it is a number in [min, max], else the nearest bound, or the default. */
const option = (value: number | undefined, fallback: number, min = 0, max = Infinity): number =>
  typeof value === "number" && value >= 0 ? Math.min(Math.max(value, min), max) : fallback;

/** How sending a batch ended: delivered or lost (settled), or left for a later start (kept). */
const SETTLED = 0;
const KEPT = 1;
type Outcome = typeof SETTLED | typeof KEPT;

export function createClient(options: ClientOptions): InferLedgerClient {
  const opts = options ?? ({} as ClientOptions); // plain JavaScript callers may pass nothing
  const report = (code: ErrorCode, message: string, extra?: Partial<InferLedgerError>): void => {
    try {
      (opts.onError ?? ((e) => console.warn(e.message)))(
        Object.assign(new Error(`[inferledger] ${message}`), { code }, extra),
      );
    } catch {
      // a throwing hook must not reach the host either
    }
  };
  const flushAt = option(opts.flushAt, 100, 1, MAX_EVENTS);
  const flushIntervalMs = option(opts.flushIntervalMs, 2000);
  const maxBytes = option(opts.maxBatchBytes, 512 * 1024, 0, MAX_BYTES);
  const maxInFlight = option(opts.maxInFlight, 4, 1, 16);
  const maxQueue = option(opts.maxQueueSize, 100_000, 1);
  const highWater = maxQueue >> 1;
  const maxAgeMs = option(opts.maxEventAgeMs, 24 * 3600_000);
  const retryBaseMs = option(opts.retryBaseMs, 500);
  const retryMaxMs = option(opts.retryMaxMs, 30_000);
  const requestTimeoutMs = option(opts.requestTimeoutMs, 10_000);
  const shutdownMs = option(opts.shutdownTimeoutMs, 10_000);
  const useGzip = !!opts.gzip && typeof CompressionStream === "function";
  const host = globalThis as { fetch?: FetchLike; process?: Process; Bun?: unknown; Deno?: unknown };
  const proc = host.process?.versions?.node ? host.process : undefined;
  let post: FetchLike = (opts.fetch ?? host.fetch) as FetchLike;
  const defaults = opts.defaults ?? {};
  const url = String(opts.endpoint ?? "").replace(/\/+$/, "") + "/api/v1/events";
  // On Node (not Bun or Deno, whose fetch is native) requests go through node:http (node.ts).
  const useNodeHttp = !opts.fetch && !!proc && !host.Bun && !host.Deno;

  let disabled = !!opts.disabled;
  if (!disabled && (!opts.apiKey || !opts.endpoint || (typeof post !== "function" && !useNodeHttp))) {
    disabled = true;
    report("invalid_argument", "apiKey, endpoint (and fetch) required; events dropped");
  }

  const queue: string[] = []; // serialised events not yet in a batch
  let queuedBytes = 0;
  const waiting: Batch[] = []; // formed batches not in flight (replayed from the spool)
  let inMemory = 0; // events in waiting and in-flight batches
  let inFlight = 0; // batches being sent
  const totals = { delivered: 0, spooled: 0, lost: 0 };
  const coalesced: Partial<Record<ErrorCode, number>> = {};
  let healthy = true; // false from a retryable failure to the next success: no new batches meanwhile
  let flushing = false; // flush() or the interval asked for everything queued, full batches or not
  let closed = false;
  let stopped = false;
  let timer: Timer | undefined;
  const wakers = new Set<() => void>(); // sleeps and requests that shutdown() cuts short
  const listeners = new Set<() => void>(); // flush() and whenReady() waiting for progress
  let spool: Spool | undefined;
  let hooks: ProcessHooks | undefined;
  let loaded = !(proc && !disabled); // on Node, nothing is sent before node.js answered (transport, spool, replay)

  /** Counts lost events and reports them; per-event losses in a tight loop are reported once per tick. */
  function lose(code: ErrorCode, count: number, message: string, extra?: Partial<InferLedgerError>): void {
    totals.lost += count;
    report(code, `${count} event(s) lost: ${message}`, { count, ...extra });
  }
  const loseAtShutdown = (count: number): void => lose("shutdown", count, "undelivered at shutdown()");
  function loseEach(code: ErrorCode, message: string): void {
    totals.lost++;
    if (!coalesced[code])
      queueMicrotask(
        () => (
          report(code, `${coalesced[code]} event(s) lost: ${message}`, { count: coalesced[code] }),
          (coalesced[code] = 0)
        ),
      );
    coalesced[code] = (coalesced[code] ?? 0) + 1;
  }

  const runtime: Promise<unknown> | undefined =
    proc && !disabled
      ? import(/* webpackIgnore: true */ NODE_MODULE)
          .then((m: { nodeRuntime: NodeRuntime }) =>
            m.nodeRuntime({
              url,
              endpoint: opts.endpoint,
              apiKey: opts.apiKey!,
              http: useNodeHttp,
              spool: opts.spool !== false,
              spoolDir: opts.spoolDir,
              maxSpoolBytes: opts.maxSpoolBytes,
            }),
          )
          .then(
            (node) => {
              if (node.fetch) post = node.fetch;
              hooks = node.hooks({ idle, shutdown });
              spool = node.spool;
              if (node.spoolError) report("spool_error", `no spool, memory only: ${node.spoolError}`);
              for (const batch of node.replay ?? []) {
                waiting.push(batch);
                inMemory += batch.items.length;
                totals.spooled += batch.items.length;
              }
            },
            // A bundle without node.js: fetch, and no spool.
            () => {},
          )
          .then((): void => ((loaded = true), pump()))
      : undefined;

  function notify(): void {
    for (const listener of [...listeners]) listener();
  }

  function arm(): void {
    if (timer === undefined && queue.length && !stopped) {
      timer = unref(setTimeout(() => ((timer = undefined), (flushing = true), pump()), flushIntervalMs));
    }
  }

  function enqueue(json: string): boolean {
    // Events are ASCII JSON (see events.ts): their length is their size in bytes.
    if (json.length + ENVELOPE + 1 > maxBytes) throw new Error(`event is larger than maxBatchBytes (${maxBytes})`);
    if (queue.length + inMemory >= maxQueue) {
      loseEach("queue_full", `queue full (maxQueueSize ${maxQueue})`);
      return false;
    }
    queue.push(json);
    queuedBytes += json.length + 1;
    if (queue.length >= flushAt || queuedBytes >= maxBytes) pump();
    else arm();
    return queue.length + inMemory < highWater;
  }

  // No closure per call: track() and outcome() pass the builder and its argument.
  function accept<I>(build: (input: I, d: typeof defaults) => string, event: I): boolean {
    if (disabled) return true;
    if (closed) {
      loseEach("closed", "sent after shutdown()");
      return false;
    }
    try {
      return enqueue(build(event, defaults));
    } catch (e) {
      lose("invalid_argument", 1, `invalid event: ${(e as Error).message}`);
      return true;
    }
  }

  /** The next batch: replayed ones first, then up to MAX_EVENTS / maxBatchBytes of the queue. */
  function nextBatch(): Batch | undefined {
    const replayed = waiting.shift();
    if (replayed) return replayed;
    // A request in flight already: the next one waits for a full batch, since fewer, larger requests cost less CPU.
    if (!queue.length || !(flushing || queue.length >= (inFlight ? MAX_EVENTS : flushAt) || queuedBytes >= maxBytes))
      return undefined;
    let bytes = ENVELOPE;
    let n = 0;
    while (n < queue.length && n < MAX_EVENTS) {
      const size = queue[n]!.length + 1;
      if (n && bytes + size > maxBytes) break;
      bytes += size;
      n++;
    }
    const items = queue.splice(0, n);
    queuedBytes -= bytes - ENVELOPE;
    inMemory += n;
    // Its events were tracked at most flushIntervalMs earlier: close enough to count their age from.
    const now = Date.now();
    const batch = { id: newId(now), items, bornAt: now };
    if (!queue.length) flushing = false;
    return batch;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = unref(setTimeout(wake, ms));
      function wake(): void {
        clearTimeout(t as number);
        wakers.delete(wake);
        resolve();
      }
      wakers.add(wake);
    });
  }

  async function attempt(body: unknown, zipped: boolean): Promise<FetchResponse> {
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    const t = unref(setTimeout(abort, requestTimeoutMs));
    wakers.add(abort);
    try {
      const headers: Record<string, string> = {
        "content-type": "application/json",
        authorization: `Bearer ${opts.apiKey}`,
      };
      if (zipped) headers["content-encoding"] = "gzip";
      return await post(url, { method: "POST", headers, body, signal: controller.signal });
    } finally {
      clearTimeout(t as number);
      wakers.delete(abort);
    }
  }

  /** Puts a batch on disk after its first failure (once: a full spool is not retried), so that a crash or shutdown does not lose it. */
  async function keep(batch: Batch): Promise<void> {
    if (!spool || batch.spooled !== undefined) return;
    batch.spooled = false;
    try {
      await spool.append(batch);
      batch.spooled = true;
      totals.spooled += batch.items.length;
    } catch (e) {
      report("spool_error", `spool write failed: ${e}`);
    }
  }

  /** Sends items of a batch until delivered, refused, expired or stopped. */
  async function send(batch: Batch, items: string[]): Promise<Outcome> {
    const json = '{"events":[' + items.join(",") + "]}";
    if (items.length > 1 && json.length > maxBytes) return split(batch, items);
    const zipped = useGzip && json.length > 1024;
    let body: unknown = json;
    for (let tries = 0; ; tries++) {
      let response: FetchResponse | undefined;
      let error: unknown;
      try {
        if (zipped && body === json) body = await gzip(json);
        response = await attempt(body, zipped);
      } catch (e) {
        error = e;
      }
      const status = response?.status ?? 0;
      const answer = await answerOf(response);
      if (response?.ok) {
        healthy = true;
        const rejected = (answer.results ?? []).filter((result) => result.status === "rejected");
        totals.delivered += items.length - rejected.length;
        const first = rejected[0];
        if (first)
          lose("rejected", rejected.length, `rejected, first [${first.index}] ${first.field}: ${first.reason}`, {
            rejected,
            status,
          });
        return SETTLED;
      }
      if (status === 413 && items.length > 1) return split(batch, items);
      const detail = response
        ? `HTTP ${status}${answer.error?.message ? ": " + answer.error.message : ""}`
        : String(error);
      const retryable = !response || status === 408 || status === 429 || status >= 500;
      if (!retryable) {
        lose("http_error", items.length, `refused (${detail})`, { status });
        return SETTLED;
      }
      if (healthy) report("retrying", `server unavailable (${detail}), retrying`);
      healthy = false;
      await keep(batch);
      if (stopped) return KEPT;
      if (Date.now() - batch.bornAt > maxAgeMs) {
        lose("expired", items.length, `not delivered within maxEventAgeMs (${detail})`);
        return SETTLED;
      }
      await sleep(retryAfterMs(response) ?? Math.random() * Math.min(retryMaxMs, retryBaseMs * 2 ** tries));
      if (stopped) return KEPT;
    }
  }

  async function split(batch: Batch, items: string[]): Promise<Outcome> {
    const half = items.length >> 1;
    const first = await send(batch, items.slice(0, half));
    return Math.max(first, await send(batch, items.slice(half))) as Outcome;
  }

  async function deliver(batch: Batch): Promise<void> {
    const count = batch.items.length;
    try {
      const outcome = await send(batch, batch.items);
      if (outcome === KEPT && !batch.spooled) loseAtShutdown(count);
      if (outcome === SETTLED && batch.spooled) {
        totals.spooled -= count;
        await spool!.ack(batch).catch((e) => report("spool_error", `spool write failed: ${e}`));
      }
    } finally {
      inFlight--;
      inMemory -= count;
      pump();
    }
  }

  /** Starts batches while slots are free; after a failure only the batches already retrying go on. */
  function pump(): void {
    if (!disabled && !stopped && loaded) {
      while (inFlight < maxInFlight && (healthy || !inFlight)) {
        const batch = nextBatch();
        if (!batch) break;
        inFlight++;
        void deliver(batch);
      }
      arm();
    }
    notify();
  }

  const idle = (): boolean => !queue.length && !inMemory;

  /** Resolves when done() holds after some progress, or at the deadline (ms, if given). */
  function until(done: () => boolean, ms?: number): Promise<void> {
    return new Promise((resolve) => {
      let t: Timer | undefined;
      const check = (): void => {
        if (!done() && t !== undefined) return;
        clearTimeout(t as number);
        listeners.delete(check);
        resolve();
      };
      if (done()) return resolve();
      listeners.add(check);
      t = ms === undefined ? 0 : setTimeout(() => ((t = undefined), check()), ms);
    });
  }

  const result = (): Totals => ({ ...totals, queued: queue.length + inMemory });

  async function flush(): Promise<Totals> {
    await runtime;
    flushing = true;
    pump();
    await until(() => idle() || stopped, shutdownMs);
    return result();
  }

  let closing: Promise<Totals> | undefined;
  function shutdown(): Promise<Totals> {
    return (closing ??= (async () => {
      closed = true;
      hooks?.remove();
      await flush();
      stopped = true;
      if (timer !== undefined) clearTimeout(timer as number);
      for (const wake of [...wakers]) wake();
      await until(() => !inFlight);
      // What never left the queue: on disk for the next start, or lost.
      const rest: Batch[] = [...waiting.splice(0)];
      flushing = true;
      for (let batch = nextBatch(); batch; batch = nextBatch()) rest.push(batch);
      for (const batch of rest) {
        await keep(batch);
        if (!batch.spooled) loseAtShutdown(batch.items.length);
        inMemory -= batch.items.length;
      }
      await spool?.close().catch(() => {});
      return result();
    })().catch(() => result()));
  }

  // Listening starts at once (a signal may come before node.js is loaded); node.ts does the rest.
  function installShutdownHooks(): () => void {
    const onSignal = (signal: string): void => void runtime?.then(() => hooks?.afterSignal(signal, remove));
    const remove = (): void => SIGNALS.forEach((signal) => proc?.off(signal, onSignal));
    SIGNALS.forEach((signal) => proc?.on(signal, onSignal));
    return remove;
  }

  return {
    track: (event: UsageInput) => accept(usageEvent, event),
    outcome: (event: OutcomeInput) => accept(outcomeEvent, event),
    whenReady: () => until(() => queue.length + inMemory < highWater || stopped),
    flush,
    shutdown,
    installShutdownHooks,
    withContext,
    stats: result,
  };
}
