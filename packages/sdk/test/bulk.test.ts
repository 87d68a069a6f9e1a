// Bulk senders: a tight loop with default settings, and backpressure past the queue's size.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ClientOptions, InferLedgerError } from "../src/index.js";
import { useCleanup, usePackedSdk } from "./support/lifecycle.js";
import { sleep, until } from "./support/helpers.js";
import { startSink, type Responder, type Sink } from "./support/sink.js";

const sdk = usePackedSdk();
const cleanup = useCleanup();

async function setup(respond?: Responder, opts: Partial<ClientOptions> = {}) {
  const sink = await startSink(respond, { lean: true });
  const errors: InferLedgerError[] = [];
  const client = sdk.core.createClient({
    apiKey: "k",
    endpoint: sink.url,
    spoolDir: mkdtempSync(join(tmpdir(), "il-bulk-")),
    onError: (e) => errors.push(e),
    ...opts,
  });
  cleanup(() => client.shutdown());
  cleanup(() => sink.close());
  return { sink, client, errors };
}

const event = (i: number) => ({
  provider: "openai",
  model: "gpt-4o-mini",
  customer: `c${i & 63}`,
  usage: { prompt_tokens: i, completion_tokens: 5 },
});

async function flushAll(client: Awaited<ReturnType<typeof setup>>["client"]): Promise<void> {
  while ((await client.flush()).queued > 0);
}

const uniqueIds = (sink: Sink) => new Set(sink.accepted.map((e) => e.event_id)).size;

describe("bulk sending", () => {
  it("sends a backlog over 4 requests at once by default, never more", async () => {
    const { sink, client } = await setup(() => "hang", { shutdownTimeoutMs: 100 });
    for (let i = 0; i < 10_000; i++) client.track(event(i));
    await until(() => sink.requests.length === 4);
    await sleep(300);
    expect(sink.requests.length).toBe(4);
    expect(sink.requests.map((r) => r.bytes > 0)).toEqual([true, true, true, true]);
  });

  it("takes 100,000 events from a tight loop with default settings and delivers every one", async () => {
    const { sink, client, errors } = await setup();
    for (let i = 0; i < 100_000; i++) client.track(event(i));
    expect(client.stats()).toMatchObject({ lost: 0, queued: 100_000 });
    await flushAll(client);
    expect(client.stats()).toEqual({ delivered: 100_000, spooled: 0, lost: 0, queued: 0 });
    expect(uniqueIds(sink)).toBe(100_000);
    expect(errors).toEqual([]);
  });

  it("with backpressure (await whenReady() when track() returns false), 250,000 events never fill the queue", async () => {
    const { sink, client, errors } = await setup();
    let paused = 0;
    let most = 0;
    for (let i = 0; i < 250_000; i++) {
      if (!client.track(event(i))) {
        paused++;
        most = Math.max(most, client.stats().queued);
        await client.whenReady();
      }
    }
    await flushAll(client);
    expect(paused).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(50_000); // half of the default maxQueueSize
    expect(client.stats()).toEqual({ delivered: 250_000, spooled: 0, lost: 0, queued: 0 });
    expect(uniqueIds(sink)).toBe(250_000);
    expect(errors).toEqual([]);
  });
});
