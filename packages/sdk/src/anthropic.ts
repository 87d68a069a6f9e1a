import { TIER, wrapMethods, type CallContext, type Endpoint, type WrapOptions } from "./wrap.js";

type Obj = Record<string, any>;

const messages: Endpoint = {
  result: (r) => ({ model: r.model, usage: r.usage ?? undefined, serviceTier: TIER[r.usage?.service_tier] }),
  chunk(acc, ev) {
    // message_start carries input and cache counts; each message_delta the cumulative output (and
    // on newer API versions updated input counts): merge like the SDK's own MessageStream does.
    const start = ev.type === "message_start" ? ev.message : undefined;
    const u: Obj | undefined = start ? start.usage : ev.type === "message_delta" ? ev.usage : undefined;
    if (start?.model) acc.model = start.model;
    if (!u) return;
    const merged: Obj = { ...acc.usage };
    for (const k in u) if (u[k] !== null && u[k] !== undefined) merged[k] = u[k];
    acc.usage = merged;
    if (TIER[merged.service_tier]) acc.serviceTier = TIER[merged.service_tier];
  },
};

/**
 * Observes messages.create (streamed or not) and messages.stream of an `@anthropic-ai/sdk` client
 * (beta.messages too): model, raw usage with cache tokens, latency and errors go to `opts.client`.
 */
export function wrapAnthropic<T extends object>(anthropic: T, opts: WrapOptions): T {
  return wrapMethods(
    anthropic,
    "anthropic",
    { "messages.create": messages, "messages.stream": "delegate", "beta.messages.create": messages, "beta.messages.stream": "delegate" },
    opts,
  );
}

export type { CallContext, WrapOptions };
