// A 60-second outage of the app, with default settings: every event arrives once it is back.
// Timers and Date are faked so the minute passes in a few seconds; the HTTP traffic is real.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { InferLedgerError } from "../src/index.js";
import { loadSdk } from "./support/packed.js";
import { startSink } from "./support/sink.js";

let sdk: Awaited<ReturnType<typeof loadSdk>>["core"];
beforeAll(async () => {
  sdk = (await loadSdk()).core;
});
afterEach(() => {
  vi.useRealTimers();
});

const realSetTimeout = globalThis.setTimeout;
/** Lets real I/O (requests to the sink) make progress while fake time stands still. */
const realPause = () => new Promise((r) => realSetTimeout(r, 3));

/** Advances fake time by ms in steps, letting requests run between steps. */
async function advance(ms: number, step = 250): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    await vi.advanceTimersByTimeAsync(step);
    await realPause();
  }
}

describe("an outage of the app", () => {
  it("loses no event over 60 s of 503s and reset connections, with default settings", async () => {
    let phase: "503" | "reset" | "up" = "503";
    const sink = await startSink(() => (phase === "503" ? { status: 503 } : phase === "reset" ? "destroy" : undefined));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const errors: InferLedgerError[] = [];
    const client = sdk.createClient({
      apiKey: "k",
      endpoint: sink.url,
      spoolDir: mkdtempSync(join(tmpdir(), "il-outage-")),
      onError: (e) => errors.push(e),
    });
    const started = Date.now();
    // 10 events a second for the whole minute the app is down: 30 s of 503, then 30 s of resets.
    for (let second = 0; second < 60; second++) {
      if (second === 30) phase = "reset";
      for (let i = 0; i < 10; i++)
        client.track({ provider: "openai", model: "gpt-4o", usage: { prompt_tokens: second * 10 + i } });
      await advance(1000);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(60_000);
    expect(sink.accepted).toHaveLength(0);
    expect(client.stats()).toMatchObject({ delivered: 0, lost: 0, queued: 600 });
    phase = "up";
    // The capped backoff (retryMaxMs 30 s) brings everything in within a minute of recovery.
    // Wait on the client's own count: the sink can hold every event before the client has read
    // the last answers.
    for (let waited = 0; waited < 120_000 && client.stats().delivered < 600; waited += 1000) await advance(1000);
    const tokens = sink.accepted.map((e) => e.usage!.prompt_tokens!).sort((a, b) => a - b);
    expect(tokens).toEqual([...Array(600).keys()]);
    expect(new Set(sink.accepted.map((e) => e.event_id)).size).toBe(600);
    expect(client.stats()).toMatchObject({ delivered: 600, lost: 0, queued: 0 });
    expect(errors.every((e) => e.code === "retrying")).toBe(true);
    vi.useRealTimers();
    expect(await client.shutdown()).toEqual({ delivered: 600, spooled: 0, lost: 0, queued: 0 });
    await sink.close();
  });
});
