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

type Obj = Record<string | symbol, any>;
type Fields = Partial<UsageInput>;

/** What a provider adapter knows about one endpoint. */
export interface Endpoint {
  /** Adjusts params before the call; returns the accumulator for a streamed answer. */
  prepare?(params: Obj): { params: Obj; strip?: boolean };
  /** Usage fields from a complete (non-streamed) response. */
  result(r: Obj): Fields;
  /** Sees each stream chunk; returns false to hide it from the caller. */
  chunk(acc: Fields, ch: Obj, strip: boolean): boolean | void;
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

function errorType(e: unknown): string {
  const x = e as { status?: number; name?: string; constructor?: { name?: string } } | undefined;
  if (typeof x?.status === "number") return `http_${x.status}`;
  const name = x?.name && x.name !== "Error" ? x.name : x?.constructor?.name;
  return name || "error";
}

function observe(provider: string, ep: Endpoint, opts: WrapOptions, orig: (...a: any[]) => any, self: unknown, args: any[]): any {
  const t0 = now();
  let params: Obj = args[0];
  let call: Context | undefined;
  if (params && typeof params === "object" && "inferledger" in params) {
    ({ inferledger: call, ...params } = params);
  }
  let strip = false;
  if (params && typeof params === "object" && ep.prepare) ({ params, strip = false } = ep.prepare(params));
  const ctx = currentContext();
  let done = false;
  const record = (f: Fields): void => {
    if (done) return;
    done = true;
    try {
      const pick = (k: "customer" | "feature" | "traceId" | "sessionId") => call?.[k] ?? ctx?.[k] ?? opts[k];
      opts.client.track({
        provider,
        model: params?.model,
        customer: pick("customer"),
        feature: pick("feature"),
        traceId: pick("traceId"),
        sessionId: pick("sessionId"),
        metadata: opts.metadata || ctx?.metadata || call?.metadata ? { ...opts.metadata, ...ctx?.metadata, ...call?.metadata } : undefined,
        latencyMs: Math.round(now() - t0),
        status: "ok",
        ...f,
      } as UsageInput);
    } catch {
      // observing must never break the call
    }
  };
  const fail = (e: unknown, f?: Fields): void => record({ ...f, status: "error", errorType: errorType(e) });

  const stream = (s: Obj): Obj => {
    const inner = s.iterator;
    s.iterator = function (this: unknown) {
      const it = inner.call(this) as AsyncIterableIterator<Obj>;
      const acc: Fields = {};
      return (async function* () {
        let ok = false;
        try {
          for await (const ch of it) if (ep.chunk(acc, ch, strip) !== false) yield ch;
          ok = true;
        } catch (e) {
          fail(e, acc);
          throw e;
        } finally {
          if (ok) record(acc);
          else fail({ name: "stream_aborted" }, acc);
        }
      })();
    };
    return s;
  };
  const onResult = (r: any): any => {
    try {
      if (r && typeof r.iterator === "function" && r.controller) return stream(r);
      if (r && typeof r === "object") record(ep.result(r));
    } catch {
      // unexpected shape: give the caller its result untouched
    }
    return r;
  };

  let p: any;
  try {
    p = orig.apply(self, [params, ...args.slice(1)]);
  } catch (e) {
    fail(e);
    throw e;
  }
  if (p && typeof p.parseResponse === "function" && p.responsePromise && typeof p.responsePromise.then === "function") {
    // Stainless APIPromise: hook the lazy parse so asResponse()/withResponse() keep working untouched.
    const parse = p.parseResponse;
    p.parseResponse = async function (this: unknown, ...a: unknown[]) {
      return onResult(await parse.apply(this, a));
    };
    p.responsePromise.then(undefined, fail);
  } else if (p && typeof p.then === "function") {
    p.then(onResult, fail);
  }
  return p;
}

/**
 * A Proxy over an SDK client whose listed methods ("chat.completions.create") are observed;
 * "delegate" methods run with the observed parent as `this`, so helpers such as Anthropic's
 * messages.stream(), which call this.create(), are observed through it. Everything else passes through.
 */
export function wrapMethods<T extends object>(root: T, provider: string, endpoints: Record<string, Endpoint | "delegate">, opts: WrapOptions): T {
  const prefixes = new Set<string>();
  for (const path of Object.keys(endpoints)) {
    const parts = path.split(".");
    for (let i = 1; i < parts.length; i++) prefixes.add(parts.slice(0, i).join("."));
  }
  const proxies = new WeakMap<object, Obj>();
  const fns = new WeakMap<object, Map<string, unknown>>();
  const wrap = (target: Obj, path: string): Obj => {
    let proxy = proxies.get(target);
    if (proxy) return proxy;
    proxy = new Proxy(target, {
      get(t, key) {
        const v = Reflect.get(t, key, t);
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
                ? (...a: any[]) => v.apply(proxy, a)
                : ep
                  ? (...a: any[]) => observe(provider, ep, opts, v, t, a)
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
  return wrap(root as Obj, "") as T;
}
