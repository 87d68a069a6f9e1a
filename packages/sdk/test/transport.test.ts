// The Node transport (node:http with a keep-alive Agent), which the core picks on Node when no
// fetch is passed. client.test.ts runs every behaviour over it and over fetch; these are its own.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ClientOptions, InferLedgerError } from "../src/index.js";
import { loadSdk } from "./support/packed.js";
import { startSink, type Responder } from "./support/sink.js";

let sdk: Awaited<ReturnType<typeof loadSdk>>["core"];
beforeAll(async () => {
  sdk = (await loadSdk()).core;
});

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

async function setup(opts: Partial<ClientOptions> = {}, respond?: Responder) {
  const sink = await startSink(respond);
  const errors: InferLedgerError[] = [];
  const client = sdk.createClient({
    apiKey: "k",
    endpoint: sink.url,
    flushIntervalMs: 60_000,
    retryBaseMs: 1,
    spool: false,
    onError: (e) => errors.push(e),
    ...opts,
  });
  cleanup.push(
    () => client.shutdown(),
    () => sink.close(),
  );
  return { sink, client, errors };
}

const usage = (n: number) => ({ provider: "openai", model: "gpt-4o-mini", usage: { prompt_tokens: n } });

async function sendBatches(client: Awaited<ReturnType<typeof setup>>["client"], batches: number): Promise<void> {
  for (let b = 0; b < batches; b++) {
    client.track(usage(b));
    await client.flush();
  }
}

describe("the Node transport", () => {
  it("is the default on Node and reuses one keep-alive connection for every request", async () => {
    const { sink, client } = await setup();
    await sendBatches(client, 5);
    expect(sink.requests.map((r) => r.headers["user-agent"])).toEqual(Array(5).fill("@inferledger/sdk (node:http)"));
    expect(sink.connections).toBe(1);
    expect(sink.accepted.length).toBe(5);
  });

  it("is not used when a fetch is passed", async () => {
    const seen: string[] = [];
    const { sink, client } = await setup({
      fetch: (url, init) => (seen.push(url), globalThis.fetch(url, init as RequestInit)),
    });
    await sendBatches(client, 1);
    expect(seen).toEqual([`${sink.url}/api/v1/events`]);
    expect(sink.requests[0]!.headers["user-agent"]).not.toContain("node:http");
  });

  it("opens a new connection when the server answers with Connection: close", async () => {
    const { sink, client, errors } = await setup({}, () => ({
      status: 200,
      headers: { connection: "close" },
      body: { results: [] },
    }));
    await sendBatches(client, 3);
    expect(sink.connections).toBe(3);
    expect(client.stats()).toMatchObject({ delivered: 3, lost: 0 });
    expect(errors).toEqual([]);
  });

  it("retries a request whose connection the server closed without answering", async () => {
    const { sink, client, errors } = await setup({}, (_r, n) => (n === 2 ? "destroy" : undefined));
    await sendBatches(client, 3);
    expect(sink.requests.length).toBe(4);
    expect(sink.accepted.map((e) => e.usage?.prompt_tokens)).toEqual([0, 1, 2]);
    expect(sink.connections).toBe(2);
    expect(errors.map((e) => e.code)).toEqual(["retrying"]);
  });

  it("aborts a request after requestTimeoutMs, then sends the retry on a fresh connection", async () => {
    const { sink, client, errors } = await setup({ requestTimeoutMs: 100 }, (_r, n) => (n === 1 ? "hang" : undefined));
    const started = Date.now();
    await sendBatches(client, 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(sink.requests.length).toBe(2);
    expect(sink.connections).toBe(2);
    expect(sink.accepted.length).toBe(1);
    expect(errors.map((e) => e.code)).toEqual(["retrying"]);
  });

  it("reports a timed-out request as retrying, and as expired once the events are too old", async () => {
    const { client, errors } = await setup({ requestTimeoutMs: 50, maxEventAgeMs: 0, spool: false }, () => "hang");
    await sendBatches(client, 1);
    expect(errors.map((e) => e.code)).toEqual(["retrying", "expired"]);
    expect(client.stats()).toMatchObject({ lost: 1, delivered: 0 });
  });

  it("honours Retry-After given as an HTTP date on 503", async () => {
    const seen: number[] = [];
    const { sink, client } = await setup({ retryMaxMs: 2 }, (_r, n) => {
      seen.push(Date.now());
      // HTTP dates have whole seconds: two seconds ahead is at least one second away.
      return n === 1
        ? { status: 503, headers: { "retry-after": new Date(Date.now() + 2000).toUTCString() } }
        : undefined;
    });
    await sendBatches(client, 1);
    expect(sink.accepted.length).toBe(1);
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(900);
  });
});
