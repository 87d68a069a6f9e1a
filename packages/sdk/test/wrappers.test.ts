import Anthropic from "@anthropic-ai/sdk";
import OpenAI, { toFile } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InferLedgerClient } from "../src/index.js";
import { loadSdk } from "./support/packed.js";
import {
  ANTHROPIC_USAGE,
  IMAGE_TOKEN_USAGE,
  OPENAI_CHAT_USAGE,
  OPENAI_RESPONSES_USAGE,
  startProviders,
  TRANSCRIPTION_USAGE,
  type Providers,
} from "./support/providers.js";
import { startSink, type Sink } from "./support/sink.js";

let sdk: Awaited<ReturnType<typeof loadSdk>>;
let providers: Providers;
let sink: Sink;
let il: InferLedgerClient;
let raw: { openai: OpenAI; anthropic: Anthropic };
let wrapped: { openai: OpenAI; anthropic: Anthropic };

beforeAll(async () => {
  sdk = await loadSdk();
  providers = await startProviders();
  sink = await startSink();
  il = sdk.core.createClient({ apiKey: "k", endpoint: sink.url, flushIntervalMs: 60_000 });
  const make = () => ({
    openai: new OpenAI({ apiKey: "sk-test", baseURL: `${providers.url}/v1`, maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey: "sk-ant-test", baseURL: providers.url, maxRetries: 0 }),
  });
  raw = make();
  const w = make();
  wrapped = {
    openai: sdk.openai.wrapOpenAI(w.openai, { client: il, feature: "chat" }),
    anthropic: sdk.anthropic.wrapAnthropic(w.anthropic, { client: il, feature: "chat" }),
  };
});
afterAll(async () => {
  await il.shutdown();
  await sink.close();
  await providers.close();
});
beforeEach(() => {
  sink.accepted.length = 0;
  providers.bodies.length = 0;
});

async function tracked() {
  await il.flush();
  return sink.accepted.splice(0);
}
async function collect<T>(stream: AsyncIterable<T>): Promise<string> {
  const out: T[] = [];
  for await (const x of stream) out.push(x);
  return JSON.stringify(out);
}
const acme = <R>(fn: () => Promise<R>) => sdk.core.withContext({ customer: "acme" }, fn);

describe("wrapOpenAI", () => {
  const params = { model: "gpt-4o", messages: [{ role: "user" as const, content: "Hi" }] };

  it("chat.completions.create: same result, raw usage with cached and reasoning tokens", async () => {
    const direct = await raw.openai.chat.completions.create(params);
    const got = await acme(() => wrapped.openai.chat.completions.create(params));
    expect(JSON.stringify(got)).toBe(JSON.stringify(direct));
    const [e] = await tracked();
    expect(e).toMatchObject({
      type: "usage",
      provider: "openai",
      model: "gpt-4o-2024-08-06",
      usage: OPENAI_CHAT_USAGE,
      service_tier: "standard",
      status: "ok",
      customer: "acme",
      feature: "chat",
    });
    expect(e!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("streams: asks for usage, hides the usage chunk the caller did not ask for", async () => {
    const direct = await collect(await raw.openai.chat.completions.create({ ...params, stream: true }));
    const got = await acme(async () =>
      collect(await wrapped.openai.chat.completions.create({ ...params, stream: true })),
    );
    expect(got).toBe(direct);
    expect(providers.bodies.map((b) => b.stream_options)).toEqual([undefined, { include_usage: true }]);
    const [e] = await tracked();
    expect(e).toMatchObject({
      provider: "openai",
      model: "gpt-4o-2024-08-06",
      usage: OPENAI_CHAT_USAGE,
      status: "ok",
      customer: "acme",
    });
  });

  it("streams: keeps the usage chunk when the caller asked for it", async () => {
    const p = { ...params, stream: true as const, stream_options: { include_usage: true } };
    const direct = await collect(await raw.openai.chat.completions.create(p));
    const got = await collect(await wrapped.openai.chat.completions.create(p));
    expect(got).toBe(direct);
    expect(got).toContain('"choices":[],"usage":{"prompt_tokens":1200');
    expect((await tracked())[0]).toMatchObject({ usage: OPENAI_CHAT_USAGE });
  });

  it("responses.create, plain and streamed", async () => {
    const rp = { model: "o4-mini", input: "Hi" };
    const direct = await raw.openai.responses.create(rp);
    const got = await wrapped.openai.responses.create(rp);
    expect(JSON.stringify(got)).toBe(JSON.stringify(direct));
    expect(got.output_text).toBe(direct.output_text);
    const directStream = await collect(await raw.openai.responses.create({ ...rp, stream: true }));
    const gotStream = await collect(await wrapped.openai.responses.create({ ...rp, stream: true }));
    expect(gotStream).toBe(directStream);
    const events = await tracked();
    expect(events).toHaveLength(2);
    for (const e of events)
      expect(e).toMatchObject({
        provider: "openai",
        model: "o4-mini-2025-04-16",
        usage: OPENAI_RESPONSES_USAGE,
        service_tier: "flex",
        status: "ok",
      });
  });

  it("records an API error with the model asked for and rethrows the same error", async () => {
    const bad = { ...params, model: "boom" };
    const directErr = await raw.openai.chat.completions.create(bad).catch((e) => e);
    const gotErr = await wrapped.openai.chat.completions.create(bad).catch((e) => e);
    expect(gotErr).toBeInstanceOf(OpenAI.BadRequestError);
    expect([gotErr.status, gotErr.message]).toEqual([directErr.status, directErr.message]);
    expect((await tracked())[0]).toMatchObject({
      provider: "openai",
      model: "boom",
      status: "error",
      error_type: "http_400",
    });
  });

  it("takes per-call attribution and strips it before the request", async () => {
    const p = { ...params, inferledger: { customer: "per-call", feature: "search" } } as typeof params;
    await acme(() => wrapped.openai.chat.completions.create(p));
    expect(providers.bodies[0]).not.toHaveProperty("inferledger");
    expect((await tracked())[0]).toMatchObject({ customer: "per-call", feature: "search" });
  });

  it("keeps withResponse() and asResponse() working", async () => {
    const { data, response, request_id } = await wrapped.openai.chat.completions.create(params).withResponse();
    expect([response.status, request_id, data.usage]).toEqual([200, "req_1", OPENAI_CHAT_USAGE]);
    const res = await wrapped.openai.chat.completions.create(params).asResponse();
    expect(((await res.json()) as { usage: unknown }).usage).toEqual(OPENAI_CHAT_USAGE);
    expect(await tracked()).toHaveLength(1);
  });

  it("records a stream the caller stopped reading before any usage as aborted with usage unknown, never as $0", async () => {
    const stream = await wrapped.openai.chat.completions.create({ ...params, stream: true });
    for await (const chunk of stream) {
      expect(chunk.object).toBe("chat.completion.chunk");
      break;
    }
    const [e] = await tracked();
    expect(e).toMatchObject({
      status: "error",
      error_type: "stream_aborted",
      model: "gpt-4o-2024-08-06",
      metadata: { usage_status: "unknown" },
    });
    expect(e).not.toHaveProperty("usage");
    expect(e).not.toHaveProperty("tokens");
  });

  it("chat.completions.stream(): recorded once, with usage and per-call attribution, the helper's results unchanged", async () => {
    const drive = async (client: OpenAI, extra: object = {}) => {
      const s = client.chat.completions.stream({ ...params, ...extra });
      const deltas: string[] = [];
      s.on("content.delta", ({ delta }) => deltas.push(delta));
      return JSON.stringify([deltas, await s.finalChatCompletion()]);
    };
    const direct = await drive(raw.openai);
    const got = await drive(wrapped.openai, { inferledger: { customer: "helper" } });
    expect(got).toBe(direct);
    expect(JSON.parse(got)[0]).toEqual(["Hel", "lo"]);
    expect(providers.bodies[1]).not.toHaveProperty("inferledger");
    const events = await tracked();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      provider: "openai",
      model: "gpt-4o-2024-08-06",
      usage: OPENAI_CHAT_USAGE,
      status: "ok",
      customer: "helper",
      feature: "chat",
    });
  });

  it("chat.completions.parse() and responses.parse(): recorded once each", async () => {
    const parsed = await wrapped.openai.chat.completions.parse(params);
    expect(parsed.choices[0]!.message.content).toBe("Hello");
    const response = await wrapped.openai.responses.parse({ model: "o4-mini", input: "Hi" });
    expect(response.output_text).toBe("Hi");
    const events = await tracked();
    expect(events.map((e) => [e.model, e.usage])).toEqual([
      ["gpt-4o-2024-08-06", OPENAI_CHAT_USAGE],
      ["o4-mini-2025-04-16", OPENAI_RESPONSES_USAGE],
    ]);
  });

  it("responses.stream(): recorded once, with usage, the same events and final response", async () => {
    const drive = async (client: OpenAI) => {
      const s = client.responses.stream({ model: "o4-mini", input: "Hi" });
      return JSON.stringify([await collect(s), await s.finalResponse()]);
    };
    expect(await drive(wrapped.openai)).toBe(await drive(raw.openai));
    const events = await tracked();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      model: "o4-mini-2025-04-16",
      usage: OPENAI_RESPONSES_USAGE,
      service_tier: "flex",
      status: "ok",
    });
  });

  it("wrapping a wrapped client records each call once", async () => {
    const twice = sdk.openai.wrapOpenAI(wrapped.openai, { client: il, feature: "other" });
    await twice.chat.completions.create(params);
    await twice.chat.completions.stream(params).finalChatCompletion();
    const events = await tracked();
    expect(events.map((e) => e.feature)).toEqual(["chat", "chat"]);
  });

  it("audio.transcriptions.create: whisper-1's duration usage as OpenAI answers it", async () => {
    const file = await toFile(Buffer.from("RIFFfake-wav"), "hello.wav", { type: "audio/wav" });
    const got = await acme(() => wrapped.openai.audio.transcriptions.create({ model: "whisper-1", file }));
    expect(got.text).toBe("Hello");
    const [e] = await tracked();
    expect(e).toMatchObject({
      provider: "openai",
      model: "whisper-1",
      customer: "acme",
      feature: "chat",
      usage: TRANSCRIPTION_USAGE,
      status: "ok",
    });
  });

  it("audio.speech.create: the input's characters, the audio untouched", async () => {
    const input = "Your order has shipped. ✈️";
    const got = await wrapped.openai.audio.speech.create({ model: "tts-1-hd", voice: "alloy", input });
    expect(Buffer.from(await got.arrayBuffer()).toString()).toBe("ID3fake-mp3");
    const [e] = await tracked();
    expect(e).toMatchObject({
      provider: "openai",
      model: "tts-1-hd",
      usage: { characters: Array.from(input).length },
      status: "ok",
    });
  });

  it("images.generate: dall-e images with the request's size and quality; gpt-image-1's token usage", async () => {
    const got = await wrapped.openai.images.generate({
      model: "dall-e-3",
      prompt: "a lighthouse",
      size: "1024x1792",
      quality: "hd",
      n: 2,
    });
    expect(got.data).toHaveLength(2);
    await wrapped.openai.images.generate({ model: "dall-e-2", prompt: "a lighthouse" });
    await wrapped.openai.images.generate({ model: "gpt-image-1", prompt: "a lighthouse" });
    const events = await tracked();
    expect(events.map((e) => [e.model, e.usage])).toEqual([
      ["dall-e-3", { images: 2, size: "1024x1792", quality: "hd" }],
      ["dall-e-2", { images: 1 }],
      ["gpt-image-1", IMAGE_TOKEN_USAGE],
    ]);
  });

  it("passes other methods and properties through untouched", () => {
    expect(wrapped.openai.baseURL).toBe(raw.openai.baseURL);
    expect(typeof wrapped.openai.models.list).toBe("function");
    expect(wrapped.openai.chat.completions).toBe(wrapped.openai.chat.completions);
  });
});

describe("wrapAnthropic", () => {
  const params = { model: "claude-sonnet-5-5", max_tokens: 1024, messages: [{ role: "user" as const, content: "Hi" }] };
  const expected = {
    provider: "anthropic",
    model: "claude-sonnet-4-5-20250929",
    usage: ANTHROPIC_USAGE,
    service_tier: "standard",
    status: "ok",
    customer: "acme",
    feature: "chat",
  };

  it("messages.create: same result, raw usage with cache read and cache write tokens", async () => {
    const direct = await raw.anthropic.messages.create(params);
    const got = await acme(() => wrapped.anthropic.messages.create(params));
    expect(JSON.stringify(got)).toBe(JSON.stringify(direct));
    expect((await tracked())[0]).toMatchObject(expected);
  });

  it("messages.create with stream: true merges message_start and message_delta usage", async () => {
    const direct = await collect(await raw.anthropic.messages.create({ ...params, stream: true }));
    const got = await acme(async () => collect(await wrapped.anthropic.messages.create({ ...params, stream: true })));
    expect(got).toBe(direct);
    const [e] = await tracked();
    expect(e).toMatchObject(expected);
    expect(e!.usage).toEqual(ANTHROPIC_USAGE);
  });

  it("messages.stream: same events and final message, one usage event", async () => {
    const drive = async (client: Anthropic) => {
      const s = client.messages.stream(params);
      const texts: string[] = [];
      s.on("text", (t) => texts.push(t));
      const events = await collect(s);
      return JSON.stringify([events, texts, await s.finalMessage()]);
    };
    const direct = await drive(raw.anthropic);
    const got = await acme(() => drive(wrapped.anthropic));
    expect(got).toBe(direct);
    const events = await tracked();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject(expected);
  });

  it("records a stream broken off after message_start with the usage reported so far, flagged partial", async () => {
    const stream = await wrapped.anthropic.messages.create({ ...params, stream: true });
    for await (const event of stream) if (event.type === "content_block_delta") break;
    const [e] = await tracked();
    expect(e).toMatchObject({
      status: "error",
      error_type: "stream_aborted",
      usage: { ...ANTHROPIC_USAGE, output_tokens: 1 },
      metadata: { usage_status: "partial" },
    });
  });

  it("wrapping a wrapped client records each call once", async () => {
    const twice = sdk.anthropic.wrapAnthropic(wrapped.anthropic, { client: il });
    await twice.messages.create(params);
    await twice.messages.stream(params).finalMessage();
    expect(await tracked()).toHaveLength(2);
  });

  it("records errors and rethrows them", async () => {
    const err = await wrapped.anthropic.messages.create({ ...params, model: "boom" }).catch((e) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((await tracked())[0]).toMatchObject({
      provider: "anthropic",
      model: "boom",
      status: "error",
      error_type: "http_400",
    });
  });
});
