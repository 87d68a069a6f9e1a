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

const noChunks = (): void => {};

// Transcriptions: the JSON answer carries its usage (whisper-1 {type: "duration", seconds}, gpt-4o-transcribe tokens).
const transcription: Endpoint<object, Answer> = { result: (r) => ({ usage: r.usage ?? undefined }), chunk: noChunks };

// Speech answers audio: tts-1 and tts-1-hd bill the characters of the input text.
const speech: Endpoint<{ input?: unknown }> = {
  result: (_r, p) => (typeof p.input === "string" ? { usage: { characters: Array.from(p.input).length } } : {}),
  chunk: noChunks,
};

// Images: gpt-image-1 answers token usage; dall-e-2 and dall-e-3 bill each image at the request's size and quality.
const images: Endpoint<{ size?: unknown; quality?: unknown }, Answer & { data?: unknown[] }, Answer> = {
  result: (r, p) => ({
    usage: r.usage ?? {
      images: Array.isArray(r.data) ? r.data.length : 0,
      ...(typeof p.size === "string" ? { size: p.size } : {}),
      ...(typeof p.quality === "string" ? { quality: p.quality } : {}),
    },
  }),
  chunk(acc, ev) {
    if (ev.usage) acc.usage = ev.usage;
  },
};

/**
 * Observes chat.completions.create and responses.create (streamed or not) of an `openai` client,
 * and the helpers built on them (chat.completions.parse / .stream, responses.parse / .stream),
 * audio.transcriptions.create, audio.speech.create and images.generate: model, raw usage (for
 * speech the input's characters, for dall-e the images with their size and quality), latency and
 * errors go to `opts.client`. The app receives what it would without it.
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
      "audio.transcriptions.create": transcription,
      "audio.speech.create": speech,
      "images.generate": images,
    },
    opts,
  );
}

export type { CallContext, WrapOptions };
