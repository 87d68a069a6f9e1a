import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSpool, type Batch, type Spool } from "./spool.js";
import type { FetchLike, FetchResponse } from "./types.js";

/**
 * What the core gets on Node: the node:http transport and the durable spool. The core loads this
 * module at run time on Node only (client.ts), so it is not part of the core's size and edge
 * bundles never see node:http or node:fs. Node's fetch (undici) spends about 0.2 ms of CPU per
 * request of 100 events on its web streams and body copies; http.request a fraction of that.
 */
export interface NodeSetup {
  url: string;
  endpoint: string;
  apiKey: string;
  /** Use node:http (false when the caller passed its own fetch). */
  http: boolean;
  spool: boolean;
  spoolDir?: string;
  maxSpoolBytes?: number;
}
/** The client's side of the process hooks. */
interface Closable {
  idle(): boolean;
  shutdown(): Promise<unknown>;
}
export interface ProcessHooks {
  /** After SIGTERM or SIGINT: removes the client's listeners, shuts down, then lets the signal end the process. */
  afterSignal(signal: string, removeListeners: () => void): void;
  /** Removes the beforeExit hook (at shutdown). */
  remove(): void;
}
export interface NodeParts {
  hooks(client: Closable): ProcessHooks;
  fetch?: FetchLike;
  spool?: Spool;
  /** Batches left by processes that ended before delivering them. */
  replay?: Batch[];
  spoolError?: string;
}
export type NodeRuntime = (setup: NodeSetup) => Promise<NodeParts>;

const DEFAULT_SPOOL_BYTES = 64 * 1024 * 1024;

/** One folder per project (endpoint and key); the key itself never appears in the path. */
export function defaultSpoolDir(endpoint: string, apiKey: string): string {
  const project = createHash("sha256").update(`${endpoint}\n${apiKey}`).digest("hex").slice(0, 16);
  return join(tmpdir(), "inferledger-sdk", project);
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGTERM: 15 };

/**
 * A `beforeExit` flush (a script that ends without shutdown() still delivers what is queued), and
 * what follows a signal the client listens to (installShutdownHooks): shut down, then let the
 * process end as Node would, by raising the signal again when nobody else listens to it.
 */
function processHooks(client: Closable): ProcessHooks {
  const onBeforeExit = (): void => void (client.idle() || client.shutdown());
  process.on("beforeExit", onBeforeExit);
  return {
    afterSignal(signal, removeListeners) {
      removeListeners();
      void client.shutdown().then(() => {
        if (process.listenerCount(signal)) return; // the app handles the signal itself
        try {
          process.kill(process.pid, signal);
        } catch {
          process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 0));
        }
      });
    },
    remove: () => void process.off("beforeExit", onBeforeExit),
  };
}

// Node < 20.16 has no process.getBuiltinModule, so context.ts could not create its store itself.
const contextStore = Symbol.for("inferledger.context");
(globalThis as Record<symbol, unknown>)[contextStore] ??= new AsyncLocalStorage();

export const nodeRuntime: NodeRuntime = async (setup) => {
  const parts: NodeParts = { hooks: processHooks };
  if (setup.http) parts.fetch = await nodeTransport(setup.url);
  if (setup.spool) {
    const maxBytes = setup.maxSpoolBytes && setup.maxSpoolBytes > 0 ? setup.maxSpoolBytes : DEFAULT_SPOOL_BYTES;
    try {
      const opened = await openSpool(setup.spoolDir ?? defaultSpoolDir(setup.endpoint, setup.apiKey), maxBytes);
      parts.spool = opened.spool;
      parts.replay = opened.replay;
    } catch (e) {
      parts.spoolError = String(e);
    }
  }
  return parts;
};

interface Res {
  statusCode?: number;
  headers: Record<string, string | string[] | undefined>;
  setEncoding(enc: "utf8"): void;
  on(ev: "data", f: (chunk: string) => void): Res;
  on(ev: "end" | "error" | "close", f: (e?: Error) => void): Res;
}
interface Req {
  on(ev: "error", f: (e: Error) => void): Req;
  end(body: unknown): void;
}
interface Http {
  Agent: new (o: { keepAlive: boolean; maxSockets: number }) => unknown;
  request(url: URL, o: object, cb: (res: Res) => void): Req;
}

const USER_AGENT = "@inferledger/sdk (node:http)";
// Given a string body, http.request measures its UTF-8 length for content-length and then
// encodes it; bytes from one TextEncoder pass skip the measuring. About 5% of the CPU per event
// in bench:sdk.
const encoder = new TextEncoder();

export async function nodeTransport(url: string): Promise<FetchLike> {
  // The client posts to one URL: parse it once, not per request.
  let parsedFrom = url;
  let parsed = new URL(url);
  const spec = parsed.protocol === "https:" ? "node:https" : "node:http";
  const http: Http = await import(/* webpackIgnore: true */ spec);
  // Up to maxInFlight requests at a time; idle sockets are unref'd by the Agent, so they never keep the process alive.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  return (to, init) =>
    new Promise<FetchResponse>((resolve, reject) => {
      if (to !== parsedFrom) parsed = new URL((parsedFrom = to));
      const headers = { ...init.headers, "user-agent": USER_AGENT };
      const req = http.request(parsed, { method: init.method, headers, agent, signal: init.signal }, (res) => {
        let text = "";
        let done = false;
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("error", reject);
        res.on("end", () => {
          done = true;
          const status = res.statusCode ?? 0;
          resolve({
            status,
            ok: status >= 200 && status < 300,
            headers: {
              get: (name) => {
                const v = res.headers[name.toLowerCase()];
                return v === undefined ? null : String(v);
              },
            },
            text: () => Promise.resolve(text),
          });
        });
        // A connection closed mid-body: a network error, as fetch reports it.
        res.on("close", () => done || reject(new Error("connection closed before the response ended")));
      });
      req.on("error", reject);
      req.end(typeof init.body === "string" ? encoder.encode(init.body) : init.body);
    });
}
