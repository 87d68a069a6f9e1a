import type { Context } from "./types.js";
import { tierOf, wrapMethods, type CallContext, type Endpoint, type WrapOptions } from "./wrap.js";

// The per-call `inferledger` option, typed on the `openai` package's own params (create, parse and
// the stream helpers all build on these two). The wrapper removes it before the request; an
// unwrapped client would send it to OpenAI, which refuses unknown fields.
import type {} from "openai/resources/chat/completions/completions";
import type {} from "openai/resources/responses/responses";
declare module "openai/resources/chat/completions/completions" {
  interface ChatCompletionCreateParamsBase {
    /** Attribution of this call, removed before the request by wrapOpenAI. */
    inferledger?: Context;
  }
}
declare module "openai/resources/responses/responses" {
  interface ResponseCreateParamsBase {
    /** Attribution of this call, removed before the request by wrapOpenAI. */
    inferledger?: Context;
  }
}

// The fields read from the `openai` package's params, responses and stream chunks (duck-typed).
interface Answer {
  model?: string;
  usage?: Record<string, unknown> | null;
  service_tier?: string | null;
}
interface ChatParams {
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
}
interface ChatChunk extends Answer {
  choices?: unknown[];
}
interface ResponseEvent {
  type?: string;
  response?: Answer & { error?: { code?: string } | null };
}

const tier = (r: Answer) => tierOf(r.service_tier);

// Chat Completions: usage arrives on the last chunk only when stream_options.include_usage is set.
const chat: Endpoint<ChatParams, Answer, ChatChunk> = {
  prepare(params) {
    if (params.stream !== true || params.stream_options?.include_usage === true) return { params };
    return { params: { ...params, stream_options: { ...params.stream_options, include_usage: true } }, strip: true };
  },
  result: (r) => ({ model: r.model, usage: r.usage ?? undefined, serviceTier: tier(r) }),
  chunk(acc, ch, strip) {
    if (ch.model) acc.model = ch.model;
    if (ch.service_tier) acc.serviceTier = tier(ch);
    if (ch.usage) acc.usage = ch.usage;
    if (!strip) return;
    // The caller did not ask for usage: hide the usage-only chunk and the usage:null we caused.
    if (ch.usage && Array.isArray(ch.choices) && ch.choices.length === 0) return false;
    if (ch.usage === null) delete ch.usage;
  },
};

// Responses: streams always end with response.completed (or .incomplete / .failed) carrying usage.
const responses: Endpoint<object, Answer, ResponseEvent> = {
  result: (r) => ({ model: r.model, usage: r.usage ?? undefined, serviceTier: tier(r) }),
  chunk(acc, ev) {
    const r = ev.response;
    if (!r) return;
    if (r.model) acc.model = r.model;
    if (r.service_tier) acc.serviceTier = tier(r);
    if (r.usage) acc.usage = r.usage;
    if (ev.type === "response.failed") {
      acc.status = "error";
      acc.errorType = r.error?.code ?? "response_failed";
    }
  },
};

/**
 * Observes chat.completions.create and responses.create (streamed or not) of an `openai` client,
 * and the helpers built on them (chat.completions.parse / .stream, responses.parse / .stream):
 * model, raw usage, latency and errors go to `opts.client`. The app receives what it would without it.
 */
export function wrapOpenAI<T extends object>(openai: T, opts: WrapOptions): T {
  return wrapMethods(
    openai,
    "openai",
    {
      "chat.completions.create": chat,
      "chat.completions.parse": "delegate",
      "chat.completions.stream": "delegate",
      "responses.create": responses,
      "responses.parse": "delegate",
      "responses.stream": "delegate",
    },
    opts,
  );
}

export type { CallContext, WrapOptions };
