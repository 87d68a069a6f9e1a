import type { Context } from "./types.js";
import { tierOf, wrapMethods, type CallContext, type Endpoint, type WrapOptions } from "./wrap.js";

// The per-call `inferledger` option, typed on the `@anthropic-ai/sdk` package's own params
// (messages.create and messages.stream, beta too). The wrapper removes it before the request.
import type {} from "@anthropic-ai/sdk/resources/messages/messages";
import type {} from "@anthropic-ai/sdk/resources/beta/messages/messages";
declare module "@anthropic-ai/sdk/resources/messages/messages" {
  interface MessageCreateParamsBase {
    /** Attribution of this call, removed before the request by wrapAnthropic. */
    inferledger?: Context;
  }
}
declare module "@anthropic-ai/sdk/resources/beta/messages/messages" {
  interface MessageCreateParamsBase {
    /** Attribution of this call, removed before the request by wrapAnthropic. */
    inferledger?: Context;
  }
}

// The fields read from the `@anthropic-ai/sdk` package's messages and stream events (duck-typed).
type Usage = Record<string, unknown>;
interface Message {
  model?: string;
  usage?: Usage | null;
}
interface StreamEvent {
  type?: string;
  message?: Message;
  usage?: Usage | null;
}

const messages: Endpoint<object, Message, StreamEvent> = {
  result: (r) => ({ model: r.model, usage: r.usage ?? undefined, serviceTier: tierOf(r.usage?.service_tier) }),
  chunk(acc, ev) {
    // message_start carries input and cache counts; each message_delta the cumulative output (and
    // on newer API versions updated input counts): merge like the SDK's own MessageStream does.
    const start = ev.type === "message_start" ? ev.message : undefined;
    const u = start ? start.usage : ev.type === "message_delta" ? ev.usage : undefined;
    if (start?.model) acc.model = start.model;
    if (!u) return;
    const merged: Usage = { ...acc.usage };
    for (const k in u) if (u[k] !== null && u[k] !== undefined) merged[k] = u[k];
    acc.usage = merged;
    if (tierOf(merged.service_tier)) acc.serviceTier = tierOf(merged.service_tier);
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
    {
      "messages.create": messages,
      "messages.stream": "delegate",
      "beta.messages.create": messages,
      "beta.messages.stream": "delegate",
    },
    opts,
  );
}

export type { CallContext, WrapOptions };
