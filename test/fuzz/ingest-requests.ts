/**
 * Generated ingestion requests: batches of valid and mangled events, malformed JSON, wrong
 * envelopes, unicode edge cases, prototype keys, odd offsets, deep nesting, gzip bombs,
 * duplicate ids, bad headers and keys. Each request says which event id sits at which index,
 * so the campaign can check the per-event answers and what was stored.
 */
import { gzipSync } from "node:zlib";
import { outcomeEventSchema, usageEventSchema } from "@/lib/ingest/schema";
import type { Random } from "./random";
import { oddValue, ODD_STRINGS, ODD_TIMESTAMPS, recentTimestamp } from "./values";

export interface FuzzRequest {
  kind: string;
  method: "GET" | "POST";
  path: string;
  /** Which key signs the request: the tenant's ingest or read key, a made-up one, or none. */
  auth: "ingest" | "read" | "unknown" | "none" | "malformed";
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer>;
  /** For ingestion batches: the event id at each index (undefined where it is not a string). */
  eventIds?: (string | undefined)[];
}

/** Every field a usage or an outcome event has, as the schemas say: each may be mangled. */
const FIELDS = [...new Set([...Object.keys(usageEventSchema.shape), ...Object.keys(outcomeEventSchema.shape)])];
const PROVIDERS = [
  "openai",
  "anthropic",
  "google",
  "self-hosted",
  "__proto__",
  "constructor",
  "toString",
  "OpenAI ",
  "bedrock",
];
const MODELS = [
  "gpt-4o",
  "gpt-4o-mini",
  "claude-sonnet-4-5",
  "gemini-2.0-flash",
  "llama-3.1-8b",
  "__proto__",
  "constructor",
  "unknown-model-x",
];
const TOKEN_KEYS = ["input", "output", "cache_read", "cache_write", "reasoning", "__proto__", "constructor", "bogus"];
const USAGE_KEYS = [
  "prompt_tokens",
  "completion_tokens",
  "input_tokens",
  "output_tokens",
  "cache_read_input_tokens",
  "prompt_tokens_details",
  "usageMetadata",
  "__proto__",
];

let bombs: Uint8Array<ArrayBuffer>[] | undefined;
/** Gzip bodies that inflate far past the 1 MB limit (built once: they are slow to make). */
function gzipBombs(): Uint8Array<ArrayBuffer>[] {
  bombs ??= [gzipSync(Buffer.alloc(50_000_000, 0x20)), gzipSync(`{"events":[${"0,".repeat(2_000_000)}0]}`)].map(
    (b) => new Uint8Array(b),
  );
  return bombs;
}

/** The event id at each index of a body's events array, where the body is one (else undefined). */
function eventIdsIn(text: string): (string | undefined)[] | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const events = (body as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return undefined;
  return events.map((event) => {
    const id = (event as { event_id?: unknown } | null)?.event_id;
    return typeof id === "string" ? id : undefined;
  });
}

export function createIngestGenerator(random: Random, now: number) {
  let counter = 0;
  const sentIds: string[] = [];

  const freshId = () => `fz-${++counter}-${random.int(1e9).toString(36)}`;
  function eventId(): unknown {
    if (sentIds.length > 0 && random.chance(0.05)) return random.pick(sentIds); // a duplicate
    if (random.chance(0.03)) return oddValue(random);
    const id = freshId();
    sentIds.push(id);
    return id;
  }

  function validEvent(): Record<string, unknown> {
    const occurred_at = random.chance(0.05) ? random.pick(ODD_TIMESTAMPS) : recentTimestamp(random, now);
    const common = {
      event_id: eventId(),
      occurred_at,
      customer: random.pick(["acme", "globex", "initech", "ünïcødé", "💸-corp"]),
      feature: random.pick(["chat", "search", "summarize"]),
    };
    if (random.chance(0.2))
      return { type: "outcome", ...common, outcome: "task_completed", quantity: random.int(3) + 1, value: "0.99" };
    const event: Record<string, unknown> = {
      type: "usage",
      ...common,
      provider: random.pick(PROVIDERS),
      model: random.pick(MODELS),
    };
    if (random.chance(0.1)) event.gpu = { seconds: random.next() * 10, type: "H100", pool: "eu-1" };
    else if (random.chance(0.5))
      event.tokens = {
        input: random.int(5000),
        output: random.int(800),
        ...(random.chance(0.3) ? { cache_read: random.int(2000) } : {}),
      };
    else
      event.usage = {
        prompt_tokens: random.int(5000),
        completion_tokens: random.int(500),
        prompt_tokens_details: { cached_tokens: random.int(100) },
      };
    if (random.chance(0.3))
      event.metadata = {
        prompt_version: "v7",
        [random.pick(["k", "ключ", "\ud800", "a\u0000"])]: random.pick(["v", "\ud800", "\u0000", "✓"]),
      };
    if (random.chance(0.3)) event.latency_ms = random.int(5000);
    return event;
  }

  function mangledEvent(): unknown {
    if (random.chance(0.05)) return oddValue(random);
    const event = validEvent();
    const mutations = 1 + random.int(3);
    for (let i = 0; i < mutations; i++) {
      const field = random.pick(FIELDS);
      if (field === "tokens") event.tokens = { [random.pick(TOKEN_KEYS)]: oddValue(random) };
      else if (field === "usage") event.usage = { [random.pick(USAGE_KEYS)]: oddValue(random) };
      else if (field === "metadata") event.metadata = { [random.pick(ODD_STRINGS)]: oddValue(random) };
      else if (field === "occurred_at") event.occurred_at = random.pick(ODD_TIMESTAMPS);
      else event[field] = oddValue(random);
    }
    return event;
  }

  function batch(): FuzzRequest {
    const size = random.chance(0.02) ? 200 + random.int(300) : 1 + random.int(12);
    const events = Array.from({ length: size }, () => (random.chance(0.5) ? validEvent() : mangledEvent()));
    const text = JSON.stringify({ events });
    const gzip = random.chance(0.1);
    return {
      kind: "batch",
      method: "POST",
      path: "/api/v1/events",
      auth: "ingest",
      headers: { "content-type": "application/json", ...(gzip ? { "content-encoding": "gzip" } : {}) },
      body: gzip ? new Uint8Array(gzipSync(text)) : new TextEncoder().encode(text),
      eventIds: eventIdsIn(text),
    };
  }

  const RAW_BODIES: (() => string)[] = [
    () => "",
    () => "{",
    () => '{"events":[',
    () => "{'events': []}",
    () => "NaN",
    () => "\u0000",
    () => `\ufeff${JSON.stringify({ events: [validEvent()] })}`,
    () => JSON.stringify({ events: [validEvent()] }).slice(0, -3),
    () => '{"events": [], "events": 5}',
    () => '{"events": [{"type": "usage", "event_id": "\\ud800", "provider": "\\udfff"}]}',
    () => `{"events": [${"[".repeat(100_000)}${"]".repeat(100_000)}]}`,
    () => `{"events": [{"type": "usage", "tokens": {"input": 1e999}}]}`,
    () => `{"events": [{"type": "usage", "usage": ${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}]}`,
    () => `{"__proto__": {"events": [1]}, "events": []}`,
    () => "[]",
    () => "5",
    () => "null",
    () => '"events"',
  ];
  const ENVELOPES: (() => unknown)[] = [
    () => ({}),
    () => ({ events: null }),
    () => ({ events: {} }),
    () => ({ events: "x" }),
    () => ({ events: 5 }),
    () => ({ events: [] }),
    () => ({ events: Array.from({ length: 1001 }, () => ({})) }),
    () => ({ events: [validEvent()], extra: "field" }),
  ];

  function raw(): FuzzRequest {
    const text = random.pick(RAW_BODIES)();
    return {
      kind: "raw-json",
      method: "POST",
      path: "/api/v1/events",
      auth: "ingest",
      headers: { "content-type": "application/json" },
      body: new TextEncoder().encode(text),
      eventIds: eventIdsIn(text),
    };
  }

  function envelope(): FuzzRequest {
    const text = JSON.stringify(random.pick(ENVELOPES)());
    return {
      kind: "envelope",
      method: "POST",
      path: "/api/v1/events",
      auth: "ingest",
      headers: { "content-type": "application/json" },
      body: new TextEncoder().encode(text),
      eventIds: eventIdsIn(text),
    };
  }

  function transport(): FuzzRequest {
    const body = new TextEncoder().encode(JSON.stringify({ events: [validEvent()] }));
    const variants: (() => FuzzRequest)[] = [
      () => ({
        kind: "gzip-bomb",
        method: "POST",
        path: "/api/v1/events",
        auth: "ingest",
        headers: { "content-type": "application/json", "content-encoding": "gzip" },
        body: random.pick(gzipBombs()),
      }),
      () => ({
        kind: "bad-gzip",
        method: "POST",
        path: "/api/v1/events",
        auth: "ingest",
        headers: { "content-type": "application/json", "content-encoding": "gzip" },
        body,
      }),
      () => ({
        kind: "encoding",
        method: "POST",
        path: "/api/v1/events",
        auth: "ingest",
        headers: {
          "content-type": "application/json",
          "content-encoding": random.pick(["br", "deflate", "x-unknown"]),
        },
        body,
      }),
      () => ({
        kind: "content-type",
        method: "POST",
        path: "/api/v1/events",
        auth: "ingest",
        headers: {
          "content-type": random.pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]),
        },
        body,
      }),
      () => ({
        kind: "auth",
        method: "POST",
        path: "/api/v1/events",
        auth: random.pick(["none", "unknown", "malformed", "read"] as const),
        headers: { "content-type": "application/json" },
        body,
      }),
    ];
    return random.pick(variants)();
  }

  return {
    next(): FuzzRequest {
      const roll = random.next();
      if (roll < 0.7) return batch();
      if (roll < 0.82) return raw();
      if (roll < 0.92) return envelope();
      return transport();
    },
  };
}
