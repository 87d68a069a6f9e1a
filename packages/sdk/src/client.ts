import { withContext } from "./context.js";
import { InvalidArgument, outcomeEvent, usageEvent } from "./events.js";
import { newId } from "./id.js";
import { openSpool, type Batch, type Spool } from "./spool.js";
import type {
  ClientOptions,
  ErrorCode,
  FetchLike,
  FetchResponse,
  InferLedgerClient,
  InferLedgerError,
  OutcomeInput,
  UsageInput,
} from "./types.js";

const MAX_EVENTS = 1000;
const MAX_BYTES = 1_000_000;

type Timer = { unref?: () => void } | number;
const unref = (t: Timer): Timer => ((t as { unref?: () => void }).unref?.(), t);
const pos = (v: number | undefined, d: number): number => (typeof v === "number" && v >= 0 ? v : d);

function makeError(code: ErrorCode, message: string, extra?: Partial<InferLedgerError>): InferLedgerError {
  return Object.assign(new Error(`[inferledger] ${message}`), { code }, extra);
}

function retryAfterMs(res: FetchResponse | undefined): number | undefined {
  const h = res?.headers.get("retry-after");
  if (!h) return undefined;
  const s = Number(h);
  const ms = s === s ? s * 1000 : Date.parse(h) - Date.now();
  return ms === ms ? Math.min(Math.max(ms, 0), 600_000) : undefined;
}

async function gzip(text: string): Promise<unknown> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function createClient(options: ClientOptions): InferLedgerClient {
  const o = options ?? ({} as ClientOptions);
  const onError = (e: InferLedgerError): void => {
    try {
      (o.onError ?? ((x) => console.warn(x.message)))(e);
    } catch {
      // a throwing hook must not reach the host either
    }
  };
  const flushAt = Math.min(Math.max(pos(o.flushAt, 100), 1), MAX_EVENTS);
  const interval = pos(o.flushIntervalMs, 2000);
  const maxBytes = Math.min(pos(o.maxBatchBytes, 512 * 1024), MAX_BYTES);
  const maxQueue = Math.max(pos(o.maxQueueSize, 10_000), 1);
  const dropNewest = o.overflow === "drop-newest";
  const maxRetries = pos(o.maxRetries, 5);
  const baseMs = pos(o.retryBaseMs, 500);
  const capMs = pos(o.retryMaxMs, 30_000);
  const timeoutMs = pos(o.requestTimeoutMs, 10_000);
  const shutdownMs = pos(o.shutdownTimeoutMs, 5000);
  const useGzip = !!o.gzip && typeof CompressionStream === "function";
  const g = globalThis as { fetch?: FetchLike; process?: { versions?: { node?: string } }; Bun?: unknown; Deno?: unknown };
  let doFetch = (o.fetch ?? g.fetch) as FetchLike;
  const defaults = o.defaults ?? {};
  const url = String(o.endpoint ?? "").replace(/\/+$/, "") + "/api/v1/events";
  // On Node (not Bun or Deno, whose fetch is native) requests go through node:http (node.ts), a
  // module loaded at run time so that it is not part of other runtimes' bundles; fetch if it fails.
  const onNode = !o.fetch && !!g.process?.versions?.node && !g.Bun && !g.Deno;

  let disabled = !!o.disabled;
  if (!disabled && (!o.apiKey || !o.endpoint || (typeof doFetch !== "function" && !onNode))) {
    disabled = true;
    onError(makeError("invalid_argument", "apiKey, endpoint and a fetch implementation are required; events will be dropped"));
  }

  const queue: string[] = [];
  let queuedChars = 0;
  const pending: Batch[] = []; // replayed from the spool, sent before the queue
  const live = new Set<string>(); // batch ids in memory (pending or being sent)
  const stats = { queued: 0, sent: 0, dropped: 0, failed: 0, spooled: 0 };
  let inFlight = 0;
  let timer: Timer | undefined;
  let running: Promise<void> | undefined;
  let force = false;
  let closed = false;
  let stopped = false;
  let fullReported = false;
  const aborters = new Set<() => void>();
  let transport: Promise<unknown> | undefined;
  if (onNode && !disabled) {
    const spec = "./node.js";
    transport = import(/* webpackIgnore: true */ spec)
      .then((m) => (m.nodeTransport ?? m.default.nodeTransport)(url))
      .then((f: FetchLike) => (doFetch = f), () => {})
      .then(() => (transport = undefined));
  }

  let spool: Spool | undefined;
  const replay = async (): Promise<void> => {
    if (!spool) return;
    stats.spooled = 0;
    for (const b of await spool.load()) {
      if (!live.has(b.id)) {
        live.add(b.id);
        pending.push(b);
      }
    }
  };
  let ready: Promise<void> | undefined =
    o.spoolPath && !disabled
      ? openSpool(o.spoolPath)
          .then((s) => ((spool = s), replay()))
          .catch((e) => onError(makeError("spool_error", `spool unavailable: ${e}`)))
          .then(() => {
            ready = undefined;
            if (pending.length) void pump(true);
          })
      : undefined;

  function arm(): void {
    if (timer === undefined && !closed && (queue.length || stats.spooled)) {
      timer = unref(
        setTimeout(() => {
          timer = undefined;
          pump(true);
        }, interval),
      );
    }
  }

  function enqueue(json: string): void {
    // Events are ASCII JSON (see events.ts): their length is their size in bytes.
    if (json.length + 16 > maxBytes) throw new InvalidArgument(`event is larger than maxBatchBytes (${maxBytes})`);
    if (queue.length >= maxQueue) {
      stats.dropped++;
      if (!fullReported) {
        fullReported = true;
        onError(makeError("queue_full", `queue full (${maxQueue}); dropping the ${dropNewest ? "newest" : "oldest"} events`));
      }
      if (dropNewest) return;
      queuedChars -= queue.shift()!.length;
    }
    queue.push(json);
    queuedChars += json.length;
    if (queue.length >= flushAt || queuedChars >= maxBytes) pump(false);
    else arm();
  }

  // No closure per call: track() and outcome() pass the builder and its argument.
  function accept<I>(build: (i: I, d: typeof defaults) => string, event: I): void {
    if (disabled) return;
    if (closed) {
      stats.dropped++;
      return onError(makeError("closed", "event after shutdown() dropped"));
    }
    try {
      enqueue(build(event, defaults));
    } catch (e) {
      stats.dropped++;
      onError(makeError("invalid_argument", `invalid event: ${(e as Error).message}`));
    }
  }

  function takeBatch(): Batch | undefined {
    if (pending.length) return pending.shift();
    let chars = 13;
    let n = 0;
    while (n < queue.length && n < MAX_EVENTS) {
      const c = queue[n]!.length + 1;
      if (n && chars + c > maxBytes) break;
      chars += c;
      n++;
    }
    if (!n) return undefined;
    const items = queue.splice(0, n);
    queuedChars -= chars - 13;
    if (!queue.length) fullReported = false;
    const batch = { id: newId(Date.now()), items };
    live.add(batch.id);
    return batch;
  }

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = unref(setTimeout(done, ms));
      function done(): void {
        clearTimeout(t as number);
        aborters.delete(done);
        resolve();
      }
      aborters.add(done);
    });

  async function post(body: unknown, zipped: boolean): Promise<FetchResponse> {
    const ctl = typeof AbortController === "function" ? new AbortController() : undefined;
    const abort = (): void => ctl?.abort();
    const t = unref(setTimeout(abort, timeoutMs));
    aborters.add(abort);
    try {
      const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${o.apiKey}` };
      if (zipped) headers["content-encoding"] = "gzip";
      await transport;
      return await doFetch(url, { method: "POST", headers, body, signal: ctl?.signal });
    } finally {
      clearTimeout(t as number);
      aborters.delete(abort);
    }
  }

  async function readResults(res: FetchResponse, count: number): Promise<void> {
    let body: { results?: Array<{ index: number; status: string; field?: string; reason?: string }> } = {};
    try {
      body = JSON.parse(await res.text());
    } catch {
      // a 2xx without our JSON body (a proxy): the server took the batch
    }
    const rejected = (body.results ?? []).filter((r) => r.status === "rejected");
    stats.sent += count - rejected.length;
    if (rejected.length) {
      stats.failed += rejected.length;
      onError(makeError("rejected", `${rejected.length} event(s) rejected: ${rejected.map((r) => `[${r.index}] ${r.field}: ${r.reason}`).join("; ").slice(0, 500)}`, { count: rejected.length, rejected, status: res.status }));
    }
  }

  /** 2 = acknowledged, 1 = refused for good, 0 = keep it in the spool for a replay. */
  async function send(items: string[]): Promise<number> {
    // One flat string in one copy: a template around the join would be copied again by fetch's encoder.
    const parts = items.slice();
    parts[0] = '{"events":[' + (parts[0] ?? "");
    parts[parts.length - 1] += "]}";
    const json = parts.join(",");
    if (items.length > 1 && json.length > maxBytes) {
      const half = items.length >> 1;
      const a = await send(items.slice(0, half));
      return Math.min(a, await send(items.slice(half)));
    }
    const zipped = useGzip && json.length > 1024;
    let body: unknown = json;
    for (let attempt = 0; ; attempt++) {
      let res: FetchResponse | undefined;
      let err: unknown;
      try {
        if (zipped && body === json) body = await gzip(json);
        res = await post(body, zipped);
      } catch (e) {
        err = e;
      }
      const status = res?.status ?? 0;
      if (res?.ok) return readResults(res, items.length).then(() => 2);
      if (status === 413 && items.length > 1) {
        const half = items.length >> 1;
        const a = await send(items.slice(0, half));
        return Math.min(a, await send(items.slice(half)));
      }
      const retryable = !res || status === 408 || status === 429 || status >= 500;
      if (!retryable || attempt >= maxRetries || stopped) {
        let detail = err ? String(err) : `HTTP ${status}`;
        try {
          detail += res ? `: ${JSON.parse(await res.text()).error.message}` : "";
        } catch {
          // body without our error envelope
        }
        const keep = !!spool && (retryable || status === 401 || status === 403);
        if (keep) stats.spooled += items.length;
        else stats.failed += items.length;
        const code = retryable ? "retries_exhausted" : "http_error";
        onError(makeError(code, `${items.length} event(s) not delivered (${detail})${keep ? "; kept in the spool" : ""}`, { status: status || undefined, count: items.length }));
        return keep ? 0 : 1;
      }
      const after = retryAfterMs(res);
      await sleep(after ?? Math.random() * Math.min(capMs, baseMs * 2 ** attempt));
    }
  }

  async function drain(): Promise<void> {
    await ready;
    try {
      for (;;) {
        if (!pending.length && !(queue.length && (force || queue.length >= flushAt || queuedChars >= maxBytes))) break;
        const batch = takeBatch();
        if (!batch) break;
        inFlight += batch.items.length;
        try {
          if (spool) await spool.append(batch).catch((e) => onError(makeError("spool_error", `spool write failed: ${e}`)));
          const result = await send(batch.items);
          live.delete(batch.id);
          if (result && spool) await spool.ack(batch.id).catch((e) => onError(makeError("spool_error", `spool ack failed: ${e}`)));
          // The server is reachable again: bring back what earlier outages left in the spool.
          if (result === 2 && stats.spooled && !stopped) await replay().catch(() => {});
        } finally {
          inFlight -= batch.items.length;
        }
        if (stopped) break;
      }
    } finally {
      force = false;
      running = undefined;
      arm();
    }
  }

  function pump(all: boolean): Promise<void> {
    if (all) force = true;
    if (disabled || stopped) return Promise.resolve();
    return (running ??= Promise.resolve().then(drain));
  }

  async function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer as number);
    timer = undefined;
    if (stats.spooled) await replay().catch(() => {});
    // A drain already running may have started before the caller's last events: run again.
    while ((queue.length || pending.length || running) && !stopped) await pump(true);
  }

  let closing: Promise<void> | undefined;
  function shutdown(): Promise<void> {
    return (closing ??= (async () => {
      closed = true;
      let t: Timer | undefined;
      const deadline = new Promise<void>((resolve) => (t = setTimeout(resolve, shutdownMs)));
      await Promise.race([flush(), deadline]);
      clearTimeout(t as number);
      stopped = true;
      for (const abort of [...aborters]) abort();
      if (timer !== undefined) clearTimeout(timer as number);
    })().catch(() => {}));
  }

  return {
    track: (event: UsageInput) => accept(usageEvent, event),
    outcome: (event: OutcomeInput) => accept(outcomeEvent, event),
    flush: () => flush().catch(() => {}),
    shutdown,
    withContext,
    stats: () => ({ ...stats, queued: queue.length + inFlight + pending.reduce((n, b) => n + b.items.length, 0) }),
  };
}
