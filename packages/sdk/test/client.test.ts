import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ClientOptions, InferLedgerError } from "../src/index.js";
import { sleep, until } from "./support/helpers.js";
import { loadSdk } from "./support/packed.js";
import { startSink, type Responder, type Sink } from "./support/sink.js";

let sdk: Awaited<ReturnType<typeof loadSdk>>["core"];
beforeAll(async () => {
  sdk = (await loadSdk()).core;
});

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

// Every behaviour holds for both transports: node:http (the default on Node) and fetch (everywhere else).
const TRANSPORTS: Array<[string, Partial<ClientOptions>]> = [
  ["node:http", {}],
  ["fetch", { fetch: globalThis.fetch }],
];
let transport: Partial<ClientOptions> = {};

async function setup(opts: Partial<ClientOptions> = {}, respond?: Responder) {
  const sink = await startSink(respond);
  const errors: InferLedgerError[] = [];
  const client = sdk.createClient({
    apiKey: "il_test_key",
    endpoint: sink.url,
    flushIntervalMs: 60_000,
    retryBaseMs: 1,
    onError: (e) => errors.push(e),
    spoolDir: mkdtempSync(join(tmpdir(), "il-client-")),
    ...transport,
    ...opts,
  });
  cleanup.push(
    () => client.shutdown(),
    () => sink.close(),
  );
  return { sink, client, errors };
}

const usage = (n: number, extra: object = {}) => ({
  provider: "openai",
  model: "gpt-4o-mini",
  usage: { prompt_tokens: 10 + n, completion_tokens: 5 },
  ...extra,
});

describe.each(TRANSPORTS)("over %s", (_name, t) => {
  beforeEach(() => {
    transport = t;
  });

  describe("event envelope", () => {
    it("sends usage and outcome events in the wire format with ids and timestamps set at call time", async () => {
      const { sink, client } = await setup();
      const before = Date.now();
      client.track({
        ...usage(1),
        customer: "acme",
        feature: "support-bot",
        serviceTier: "flex",
        latencyMs: 120,
        traceId: "t1",
        sessionId: "s1",
        metadata: { prompt_version: "v7" },
        costUsd: "0.0012",
        usageFormat: "openai_chat",
        tokens: { input: 5, cacheRead: 3, cacheWrite5m: 1, output: 2, reasoning: 1 },
        gpu: { seconds: 1.5, type: "H100", pool: "eu-1" },
      });
      client.outcome({ customer: "acme", outcome: "ticket_resolved", quantity: 1, value: 0.99 });
      await client.flush();
      const [u, o] = sink.requests[0]!.events;
      expect(sink.requests[0]!.headers.authorization).toBe("Bearer il_test_key");
      expect(u).toMatchObject({
        type: "usage",
        customer: "acme",
        feature: "support-bot",
        provider: "openai",
        model: "gpt-4o-mini",
        service_tier: "flex",
        usage: { prompt_tokens: 11, completion_tokens: 5 },
        usage_format: "openai_chat",
        tokens: { input: 5, cache_read: 3, cache_write_5m: 1, output: 2, reasoning: 1 },
        gpu: { seconds: 1.5, type: "H100", pool: "eu-1" },
        latency_ms: 120,
        trace_id: "t1",
        session_id: "s1",
        metadata: { prompt_version: "v7" },
        cost_usd: "0.0012",
      });
      expect(o).toMatchObject({
        type: "outcome",
        customer: "acme",
        outcome: "ticket_resolved",
        quantity: 1,
        value: 0.99,
      });
      for (const e of [u!, o!]) {
        expect(e.event_id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
        expect(Date.parse(e.occurred_at)).toBeGreaterThanOrEqual(before - 1);
        expect(e.occurred_at).toBe(new Date(e.occurred_at).toISOString());
      }
      expect(u!.event_id).not.toBe(o!.event_id);
    });

    it("sends any text as ASCII JSON with the same values (escapes, non-ASCII, lone surrogates)", async () => {
      const { sink, client } = await setup();
      const text = ['q"uo\\te\n', "café", "😀 ok", "日本語", "\ud800 lone"];
      client.track({
        ...usage(1),
        customer: text[1],
        feature: text[0],
        metadata: Object.fromEntries(text.map((t, i) => [`k${i}${t}`, t])),
      });
      client.outcome({ customer: text[2]!, outcome: text[3]!, feature: text[4] });
      await client.flush();
      const [u, o] = sink.requests[0]!.events;
      expect(u).toMatchObject({
        customer: text[1],
        feature: text[0],
        metadata: Object.fromEntries(text.map((t, i) => [`k${i}${t}`, t])),
      });
      expect(o).toMatchObject({ customer: text[2], outcome: text[3], feature: text[4] });
      expect(/[^\x00-\x7f]/.test(sink.requests[0]!.text)).toBe(false);
    });

    it("writes raw usage, gpu and metadata as the same text as JSON.stringify (in ASCII)", async () => {
      const { sink, client } = await setup();
      class Box {
        a = 1;
      }
      const deep: Record<string, unknown> = { v: 1 };
      for (let i = 0; i < 12; i++) deep.v = { ...deep };
      const raws: unknown[] = [
        {
          prompt_tokens: 1,
          completion_tokens: 2,
          details: { cached: 3, audio: null },
          gone: undefined,
          f() {},
          s: Symbol("x"),
        },
        {
          'we"ird\n': "café 😀",
          日本: -0,
          nan: NaN,
          inf: -Infinity,
          t: true,
          f: false,
          big: 1e21,
          small: 1e-7,
          "2": 2,
          "1": 1,
        },
        {
          date: new Date(0),
          list: [1, undefined, () => 1, "é"],
          box: new Box(),
          keyed: { toJSON: (k: string) => `key:${k}` },
        },
        Object.assign(Object.create(null), { n: 1, nested: Object.assign(Object.create(null), { m: "x" }) }),
        deep,
        {},
        { "\ud800": "\u0001\u007f\u0080" },
      ];
      for (const u of raws)
        client.track({ ...usage(1), usage: u as Record<string, unknown>, gpu: { seconds: 1.5, type: "H100" } });
      await client.flush();
      const text = sink.requests[0]!.text;
      const ascii = (s: string) =>
        s.replace(/[\u0080-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
      for (const u of raws)
        expect(text).toContain(`"usage":${ascii(JSON.stringify(u))},"gpu":{"seconds":1.5,"type":"H100"}`);
      expect(sink.requests[0]!.events).toHaveLength(raws.length);
    });

    it("makes event ids unique and sortable by time", async () => {
      const { sink, client } = await setup({ flushAt: 1000, maxQueueSize: 5000 });
      for (let i = 0; i < 1000; i++) client.track(usage(i));
      await sleep(3);
      client.track(usage(0, { model: "later" }));
      await client.flush();
      const ids = sink.requests.flatMap((r) => r.events.map((e) => e.event_id));
      expect(new Set(ids).size).toBe(1001);
      expect(ids[1000]! > ids[0]!).toBe(true);
    });

    it("applies client defaults below the call's own fields", async () => {
      const { sink, client } = await setup({
        defaults: { customer: "default-co", feature: "chat", metadata: { env: "prod" } },
      });
      client.track(usage(1));
      client.track(usage(2, { customer: "acme", metadata: { v: "2" } }));
      await client.flush();
      const [a, b] = sink.requests[0]!.events;
      expect(a).toMatchObject({ customer: "default-co", feature: "chat", metadata: { env: "prod" } });
      expect(b).toMatchObject({ customer: "acme", feature: "chat", metadata: { env: "prod", v: "2" } });
    });
  });

  describe("batching", () => {
    it("sends a batch as soon as flushAt events are queued", async () => {
      const { sink, client } = await setup({ flushAt: 3 });
      client.track(usage(1));
      client.track(usage(2));
      await sleep(20);
      expect(sink.requests.length).toBe(0);
      expect(client.stats().queued).toBe(2);
      client.track(usage(3));
      await until(() => sink.requests.length === 1);
      expect(sink.requests[0]!.events.length).toBe(3);
      client.track(usage(4));
      await client.flush();
      expect(sink.requests.map((r) => r.events.length)).toEqual([3, 1]);
      expect(client.stats()).toMatchObject({ queued: 0, delivered: 4, lost: 0 });
    });

    it("puts a backlog into batches of at most 1,000 events", async () => {
      const { sink, client } = await setup({ flushAt: 1000, maxQueueSize: 5000 });
      for (let i = 0; i < 2500; i++) client.track(usage(i));
      await client.flush();
      expect(sink.requests.map((r) => r.events.length)).toEqual([1000, 1000, 500]);
    });

    it.each(["x", "é", "😀"])("keeps every request under maxBatchBytes (text of %s)", async (ch) => {
      const { sink, client } = await setup({ flushAt: 1000, maxBatchBytes: 2000 });
      for (let i = 0; i < 40; i++) client.track(usage(i, { metadata: { note: ch.repeat(100 / ch.length) } }));
      await client.flush();
      expect(sink.requests.length).toBeGreaterThan(3);
      for (const r of sink.requests) expect(r.bytes).toBeLessThanOrEqual(2000);
      expect(sink.accepted.length).toBe(40);
    });

    it("sends what is queued after flushIntervalMs", async () => {
      const { sink, client } = await setup({ flushAt: 100, flushIntervalMs: 30 });
      client.track(usage(1));
      client.track(usage(2));
      await until(() => sink.requests.length === 1);
      expect(sink.requests[0]!.events.length).toBe(2);
    });

    it("with gzip: true, gzips large bodies and leaves small ones plain", async () => {
      const { sink, client } = await setup({ flushAt: 1000, gzip: true });
      client.track(usage(1));
      await client.flush();
      for (let i = 0; i < 50; i++) client.track(usage(i));
      await client.flush();
      expect(sink.requests.map((r) => r.gzip)).toEqual([false, true]);
      expect(sink.accepted.length).toBe(51);
    });
  });

  describe("retries", () => {
    it("retries 5xx and network errors with backoff, then delivers", async () => {
      const { sink, client, errors } = await setup({}, (_r, n) => (n <= 2 ? { status: 503 } : undefined));
      client.track(usage(1));
      await client.flush();
      expect(sink.requests.length).toBe(3);
      expect(sink.accepted.length).toBe(1);
      expect(new Set(sink.requests.map((r) => r.events[0]!.event_id)).size).toBe(1);
      expect(errors.map((e) => e.code)).toEqual(["retrying"]);
    });

    it("waits for Retry-After on 429", async () => {
      const seen: number[] = [];
      const { sink, client } = await setup({ retryBaseMs: 1, retryMaxMs: 2 }, (_r, n) => {
        seen.push(Date.now());
        return n === 1 ? { status: 429, headers: { "retry-after": "1" } } : undefined;
      });
      client.track(usage(1));
      await client.flush();
      expect(sink.accepted.length).toBe(1);
      expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(900);
    });

    it("gives up once the events are older than maxEventAgeMs and reports them lost", async () => {
      const { sink, client, errors } = await setup({ maxEventAgeMs: 50, spool: false }, () => ({ status: 500 }));
      client.track(usage(1));
      expect(await client.flush()).toEqual({ delivered: 0, spooled: 0, lost: 1, queued: 0 });
      expect(sink.requests.length).toBeGreaterThan(1);
      expect(errors.map((e) => e.code)).toEqual(["retrying", "expired"]);
      expect(errors[1]).toMatchObject({ count: 1 });
    });

    it("reports an unreachable server without throwing", async () => {
      const errors: InferLedgerError[] = [];
      const client = sdk.createClient({
        ...transport,
        apiKey: "k",
        endpoint: "http://127.0.0.1:9",
        maxEventAgeMs: 20,
        retryBaseMs: 1,
        spool: false,
        onError: (e) => errors.push(e),
      });
      client.track(usage(1));
      await client.flush();
      expect(errors.map((e) => e.code)).toEqual(["retrying", "expired"]);
      expect(client.stats().lost).toBe(1);
    });

    it.each([400, 401, 403])("never retries %i and reports it to onError", async (status) => {
      const { sink, client, errors } = await setup({}, () => ({
        status,
        body: { error: { code: "invalid_body", message: "events[0].model: required" } },
      }));
      client.track(usage(1));
      await client.flush();
      expect(sink.requests.length).toBe(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: "http_error", status, count: 1 });
      expect(errors[0]!.message).toContain("events[0].model: required");
      expect(client.stats()).toMatchObject({ lost: 1, spooled: 0 });
    });

    it("splits a batch the server refuses with 413", async () => {
      const { sink, client, errors } = await setup({ flushAt: 1000 }, (r) =>
        r.events.length > 2 ? { status: 413 } : undefined,
      );
      for (let i = 0; i < 9; i++) client.track(usage(i));
      await client.flush();
      expect(sink.accepted.map((e) => e.usage?.prompt_tokens)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18]);
      expect(errors).toEqual([]);
      expect(client.stats().delivered).toBe(9);
    });

    it("reports events the server rejected in its per-event results", async () => {
      const { client, errors } = await setup({}, (r) => ({
        status: 200,
        body: {
          results: r.events.map((_, index) =>
            index === 1
              ? { index, status: "rejected", field: "occurred_at", reason: "more than 5 minutes in the future" }
              : { index, status: index ? "accepted" : "duplicate" },
          ),
          accepted: 1,
          duplicates: 1,
          rejected: 1,
        },
      }));
      for (let i = 0; i < 3; i++) client.track(usage(i));
      await client.flush();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: "rejected", count: 1, rejected: [{ index: 1, field: "occurred_at" }] });
      expect(client.stats()).toMatchObject({ delivered: 2, lost: 1 });
    });
  });

  describe("bounded queue", () => {
    const ids = (sink: Sink) => sink.accepted.map((e) => e.event_id);
    it("refuses new events when maxQueueSize are in memory, counts and reports them once per burst", async () => {
      const { sink, client, errors } = await setup({ maxQueueSize: 4, flushAt: 1000 });
      const accepted = [1, 2, 3, 4, 5, 6].map((i) => client.track(usage(i, { eventId: `e${i}` })));
      expect(accepted).toEqual([true, false, false, false, false, false]); // false from half of maxQueueSize on
      expect(client.stats()).toMatchObject({ queued: 4, lost: 2 });
      await client.flush();
      expect(ids(sink)).toEqual(["e1", "e2", "e3", "e4"]);
      expect(errors.map((e) => [e.code, e.count])).toEqual([["queue_full", 2]]);
    });
  });

  describe("never throws into the host", () => {
    it("reports invalid calls to onError and keeps working", async () => {
      const { sink, client, errors } = await setup();
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const bad: unknown[] = [
        null,
        "x",
        {},
        { provider: "openai" },
        { provider: 1, model: "m" },
        { provider: "p", model: "m", tokens: { inputs: 1 } },
        { provider: "p", model: "m", tokens: { input: -1 } },
        { provider: "p", model: "m", metadata: { n: 1 } },
        { provider: "p", model: "m", serviceTier: "gold" },
        { provider: "p", model: "m", occurredAt: "not a date" },
        { provider: "p", model: "m", usage: circular },
        { provider: "p", model: "m", gpu: { type: "H100" } },
        { provider: "p", model: "m", costUsd: "1e-3" },
        { provider: "p", model: "m", customer: "c".repeat(201) }, // the server's limit is 200
      ];
      for (const b of bad) expect(() => client.track(b as never)).not.toThrow();
      expect(() => client.outcome({ outcome: "x" })).not.toThrow();
      expect(() => client.outcome(undefined as never)).not.toThrow();
      expect(errors).toHaveLength(bad.length + 2);
      expect(errors.every((e) => e.code === "invalid_argument")).toBe(true);
      expect(errors[3]!.message).toContain("model: required");
      expect(client.stats().lost).toBe(bad.length + 2);
      client.track(usage(1));
      await client.flush();
      expect(sink.accepted.length).toBe(1);
    });

    it("survives an onError hook that throws and a client created without options", async () => {
      const client = sdk.createClient({
        ...transport,
        apiKey: "k",
        endpoint: "http://127.0.0.1:9",
        maxEventAgeMs: 0,
        spool: false,
        onError: () => {
          throw new Error("boom");
        },
      });
      expect(() => client.track({} as never)).not.toThrow();
      client.track(usage(1));
      await expect(client.flush()).resolves.toEqual({ delivered: 0, spooled: 0, lost: 2, queued: 0 });
      const warned: unknown[] = [];
      const orig = console.warn;
      console.warn = (m: unknown) => void warned.push(m);
      try {
        const empty = sdk.createClient(undefined as never);
        expect(() => empty.track(usage(1))).not.toThrow();
        await expect(empty.shutdown()).resolves.toEqual({ delivered: 0, spooled: 0, lost: 0, queued: 0 });
      } finally {
        console.warn = orig;
      }
      expect(String(warned[0])).toContain("apiKey, endpoint");
    });
  });

  describe("shutdown", () => {
    it("flushes what is queued", async () => {
      const { sink, client } = await setup({ flushAt: 1000 });
      for (let i = 0; i < 5; i++) client.track(usage(i));
      await client.shutdown();
      expect(sink.accepted.length).toBe(5);
    });

    it("returns within shutdownTimeoutMs when the server hangs, and drops later events", async () => {
      const { sink, client, errors } = await setup({ shutdownTimeoutMs: 200, requestTimeoutMs: 60_000 }, () => "hang");
      client.track(usage(1));
      const started = Date.now();
      const guard = sleep(10_000).then(() => "hung");
      expect(await Promise.race([client.shutdown().then(() => "done"), guard])).toBe("done");
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(sink.requests.length).toBe(1);
      client.track(usage(2));
      await Promise.resolve();
      expect(client.stats()).toMatchObject({ spooled: 1, lost: 1, queued: 0 });
      expect(errors.map((e) => e.code)).toContain("closed");
    });
  });

  describe("withContext", () => {
    it("attributes events to the context across awaits and nested contexts", async () => {
      const { sink, client } = await setup();
      await sdk.withContext({ customer: "acme", feature: "search" }, async () => {
        await sleep(2);
        client.track(usage(1));
        // The nested context tracks after the other branch (a promise, not a race of timers,
        // which a pause of the event loop can reorder), across a timer of its own.
        let otherTracked!: () => void;
        const other = new Promise<void>((resolve) => (otherTracked = resolve));
        await Promise.all([
          client.withContext({ feature: "summarize", metadata: { step: "a" } }, async () => {
            await other;
            await sleep(1);
            client.track(usage(2));
          }),
          (async () => {
            await sleep(1);
            client.track(usage(3));
            otherTracked();
          })(),
        ]);
        client.track(usage(4, { customer: "explicit" }));
        client.outcome({ outcome: "resolved" });
      });
      client.track(usage(5));
      await client.flush();
      const got = sink.accepted.map((e) => [
        e.usage?.prompt_tokens ?? e.outcome,
        e.customer,
        e.feature,
        e.metadata?.step,
      ]);
      expect(got).toEqual([
        [11, "acme", "search", undefined],
        [13, "acme", "search", undefined],
        [12, "acme", "summarize", "a"],
        [14, "explicit", "search", undefined],
        ["resolved", "acme", "search", undefined],
        [15, undefined, undefined, undefined],
      ]);
    });
  });
});
