import { currentContext } from "./context.js";
import type { Context, InferLedgerClient, ServiceTier, UsageInput } from "./types.js";

export interface WrapOptions extends Context {
  /** The InferLedger client that receives the usage events. */
  client: Pick<InferLedgerClient, "track">;
}

/** Per-call attribution: `create({ ...params, inferledger: { customer: "acme" } })`; removed before the request. */
export interface CallContext {
  inferledger?: Context;
}

type Fields = Partial<UsageInput>;
type Fn = (...args: unknown[]) => unknown;

/** The call params as the wrappers read them; everything else passes through untouched. */
type Params = { model?: string; inferledger?: Context };

/** What a Stainless client method returns: a lazy promise whose parse step can be hooked. */
interface APIPromiseLike {
  then?: PromiseLike<unknown>["then"];
  parseResponse?: Fn;
  responsePromise?: PromiseLike<unknown>;
}

/** A Stainless Stream: async-iterable through iterator(), with an AbortController. */
interface StreamLike {
  iterator: () => AsyncIterator<object>;
  controller?: unknown;
}

/**
 * What a provider adapter knows about one endpoint. P, R and C are the minimal shapes the adapter
 * reads from the params, the response and a stream chunk (duck-typed: the provider SDKs' own
 * types are not a dependency).
 */
export interface Endpoint<P extends object = object, R extends object = object, C extends object = object> {
  /** Adjusts params before the call; returns the accumulator for a streamed answer. */
  prepare?(params: P): { params: P; strip?: boolean };
  /** Usage fields from a complete (non-streamed) response and the params of its request. */
  result(r: R, params: P): Fields;
  /** Sees each stream chunk; returns false to hide it from the caller. */
  chunk(acc: Fields, ch: C, strip: boolean): boolean | void;
}

const now = (): number => (typeof performance === "object" ? performance.now() : Date.now());

export const TIER: Record<string, ServiceTier> = {
  default: "standard",
  auto: "standard",
  standard: "standard",
  flex: "flex",
  priority: "priority",
  batch: "batch",
};

/** The service tier of a provider's answer field, if it is one InferLedger knows. */
export const tierOf = (v: unknown): ServiceTier | undefined => TIER[String(v)];

function errorType(e: unknown): string {
  const x = e as { status?: number; name?: string; constructor?: { name?: string } } | undefined;
  if (typeof x?.status === "number") return `http_${x.status}`;
  const name = x?.name && x.name !== "Error" ? x.name : x?.constructor?.name;
  return name || "error";
}

function observe(provider: string, ep: Endpoint, opts: WrapOptions, orig: Fn, self: unknown, args: unknown[]): unknown {
  const t0 = now();
  let params = args[0] as Params | undefined;
  let call: Context | undefined;
  if (params && typeof params === "object" && "inferledger" in params) {
    ({ inferledger: call, ...params } = params);
  }
  let strip = false;
  if (params && typeof params === "object" && ep.prepare) ({ params, strip = false } = ep.prepare(params));
  const ctx = currentContext();
  let done = false;
  /** usageStatus: "partial" or "unknown" for a stream that ended early (see streamEnded). */
  const record = (f: Fields, usageStatus?: string): void => {
    if (done) return;
    done = true;
    try {
      const pick = (k: "customer" | "feature" | "traceId" | "sessionId") => call?.[k] ?? ctx?.[k] ?? opts[k];
      const metadata: Record<string, string> = { ...opts.metadata, ...ctx?.metadata, ...call?.metadata };
      if (usageStatus) metadata.usage_status = usageStatus;
      opts.client.track({
        provider,
        model: params?.model,
        customer: pick("customer"),
        feature: pick("feature"),
        traceId: pick("traceId"),
        sessionId: pick("sessionId"),
        metadata: Object.keys(metadata).length ? metadata : undefined,
        latencyMs: Math.round(now() - t0),
        status: "ok",
        ...f,
      } as UsageInput);
    } catch {
      // observing must never break the call
    }
  };
  const fail = (e: unknown, f?: Fields, usageStatus?: string): void =>
    record({ ...f, status: "error", errorType: errorType(e) }, usageStatus);
  /**
   * A stream broken off (by the caller or the network) was billed for its prompt at least: it is
   * recorded with the usage the provider reported so far, flagged "partial", or with none,
   * flagged "unknown", so that it is never read as an exact (or free) call.
   */
  const streamEnded = (e: unknown, acc: Fields): void => fail(e, acc, acc.usage ? "partial" : "unknown");

  const stream = (s: StreamLike): StreamLike => {
    const inner = s.iterator;
    s.iterator = function (this: unknown) {
      const it = inner.call(this) as AsyncIterableIterator<object>;
      const acc: Fields = {};
      return (async function* () {
        let ok = false;
        try {
          for await (const ch of it) if (ep.chunk(acc, ch, strip) !== false) yield ch;
          ok = true;
        } catch (e) {
          streamEnded(e, acc);
          throw e;
        } finally {
          if (ok) record(acc);
          else streamEnded({ name: "stream_aborted" }, acc);
        }
      })();
    };
    return s;
  };
  const onResult = (r: unknown): unknown => {
    try {
      if (r && typeof (r as StreamLike).iterator === "function" && (r as StreamLike).controller)
        return stream(r as StreamLike);
      if (r && typeof r === "object") record(ep.result(r, params ?? {}));
    } catch {
      // unexpected shape: give the caller its result untouched
    }
    return r;
  };

  let p: APIPromiseLike | undefined;
  try {
    p = orig.apply(self, [params, ...args.slice(1)]) as APIPromiseLike | undefined;
  } catch (e) {
    fail(e);
    throw e;
  }
  if (p && typeof p.parseResponse === "function" && p.responsePromise && typeof p.responsePromise.then === "function") {
    // Stainless APIPromise: hook the lazy parse so asResponse()/withResponse() keep working untouched.
    const parse: Fn = p.parseResponse;
    p.parseResponse = async function (this: unknown, ...a: unknown[]) {
      return onResult(await parse.apply(this, a));
    };
    p.responsePromise.then(undefined, fail);
  } else if (p && typeof p.then === "function") {
    p.then(onResult, fail);
  }
  return p;
}

const WRAPPED = Symbol.for("inferledger.wrapped");

/**
 * A Proxy over an SDK client whose listed methods ("chat.completions.create") are observed;
 * "delegate" methods run with the observed parent as `this`, so helpers such as Anthropic's
 * messages.stream(), which call this.create(), are observed through it. Everything else passes through.
 */
export function wrapMethods<T extends object>(
  root: T,
  provider: string,
  endpoints: Record<string, Endpoint | "delegate">,
  opts: WrapOptions,
): T {
  // Wrapping a wrapped client returns it as it is: each call is recorded once.
  if ((root as Record<symbol, unknown>)[WRAPPED]) return root;
  const prefixes = new Set<string>();
  for (const path of Object.keys(endpoints)) {
    const parts = path.split(".");
    for (let i = 1; i < parts.length; i++) prefixes.add(parts.slice(0, i).join("."));
  }
  const proxies = new WeakMap<object, object>();
  const fns = new WeakMap<object, Map<string, unknown>>();
  const wrap = (target: object, path: string): object => {
    let proxy = proxies.get(target);
    if (proxy) return proxy;
    proxy = new Proxy(target, {
      get(t, key) {
        if (key === WRAPPED) return true;
        const v: unknown = Reflect.get(t, key, t);
        // Resources reach their client through a property (`_client` in Stainless SDKs): helpers
        // such as chat.completions.stream() then call the observed create().
        if (v === root) return wrap(root, "");
        if (typeof key !== "string" || !v) return v;
        const p = path ? `${path}.${key}` : key;
        const ep = endpoints[p];
        if (typeof v === "function") {
          let own = fns.get(t);
          if (!own) fns.set(t, (own = new Map()));
          let f = own.get(key);
          if (!f) {
            f =
              ep === "delegate"
                ? (...a: unknown[]) => v.apply(proxy, a)
                : ep
                  ? (...a: unknown[]) => observe(provider, ep, opts, v as Fn, t, a)
                  : v.bind(t);
            own.set(key, f);
          }
          return f;
        }
        return typeof v === "object" && prefixes.has(p) ? wrap(v, p) : v;
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };
  return wrap(root, "") as T;
}
