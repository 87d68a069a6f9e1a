import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { InferLedgerError } from "../src/index.js";
import { until } from "./support/helpers.js";
import { loadSdk } from "./support/packed.js";
import { startSink, type Sink } from "./support/sink.js";

let sdk: Awaited<ReturnType<typeof loadSdk>>["core"];
let app: string;
beforeAll(async () => {
  ({ core: sdk, app } = await loadSdk());
});
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

const spoolFile = () => join(mkdtempSync(join(tmpdir(), "il-spool-")), "events.spool");
const fileText = (p: string) => {
  try {
    return readFileSync(p, "utf8");
  } catch {
    return "";
  }
};
const event = (i: number) => ({ provider: "openai", model: "gpt-4o", usage: { prompt_tokens: i } });

async function sinkFor(respond?: Parameters<typeof startSink>[0]): Promise<Sink> {
  const sink = await startSink(respond);
  cleanup.push(() => sink.close());
  return sink;
}

function client(sink: Sink, spoolPath: string, errors: InferLedgerError[] = []) {
  const c = sdk.createClient({ apiKey: "k", endpoint: sink.url, spoolPath, maxRetries: 0, flushIntervalMs: 60_000, onError: (e) => errors.push(e) });
  cleanup.push(() => c.shutdown());
  return c;
}

describe("durable spool", () => {
  it("replays a batch after the process crashed mid-request, then clears the file", async () => {
    const path = spoolFile();
    const hanging = await sinkFor(() => "hang");
    const script = join(app, "crash.mjs");
    writeFileSync(
      script,
      `import { createClient } from "@inferledger/sdk";
const c = createClient({ apiKey: "k", endpoint: process.env.SINK, spoolPath: process.env.SPOOL, flushAt: 50 });
for (let i = 0; i < 120; i++) c.track({ provider: "openai", model: "gpt-4o", usage: { prompt_tokens: i } });
setInterval(() => {}, 1000);
`,
    );
    const child = spawn(process.execPath, [script], { cwd: app, env: { ...process.env, SINK: hanging.url, SPOOL: path }, stdio: "inherit" });
    await until(() => hanging.requests.length === 1);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const sentBeforeCrash = hanging.requests[0]!.events.map((e) => e.event_id);
    expect(sentBeforeCrash).toHaveLength(120);

    const sink = await sinkFor();
    const c = client(sink, path);
    await until(() => sink.accepted.length === 120);
    expect(sink.accepted.map((e) => e.event_id)).toEqual(sentBeforeCrash);
    await until(() => fileText(path) === "");
    await c.flush();
    expect(sink.accepted).toHaveLength(120);
    expect(c.stats()).toMatchObject({ sent: 120, queued: 0 });
  });

  it("keeps a batch whose retries ran out and sends it once the server is back", async () => {
    const path = spoolFile();
    let down = true;
    const sink = await sinkFor(() => (down ? { status: 503 } : undefined));
    const errors: InferLedgerError[] = [];
    const c = client(sink, path, errors);
    for (let i = 0; i < 3; i++) c.track(event(i));
    await c.flush();
    expect(c.stats()).toMatchObject({ spooled: 3, failed: 0, sent: 0 });
    expect(errors[0]!.message).toContain("kept in the spool");
    expect(fileText(path)).toContain('"prompt_tokens":2');
    down = false;
    await c.flush();
    expect(sink.accepted.map((e) => e.usage?.prompt_tokens)).toEqual([0, 1, 2]);
    expect(c.stats()).toMatchObject({ spooled: 0, sent: 3 });
    expect(fileText(path)).toBe("");
  });

  it("keeps a batch refused with 401 for the next start (a fixed key)", async () => {
    const path = spoolFile();
    let status = 401;
    const sink = await sinkFor(() => (status === 200 ? undefined : { status }));
    const first = client(sink, path);
    first.track(event(1));
    await first.flush();
    expect(first.stats()).toMatchObject({ spooled: 1, failed: 0 });
    await first.shutdown();

    status = 200;
    const second = client(sink, path);
    await until(() => sink.accepted.length === 1);
    await second.flush();
    expect(sink.accepted.map((e) => e.usage?.prompt_tokens)).toEqual([1]);
    expect(fileText(path)).toBe("");
  });

  it("removes a batch refused with 400 from the spool: it can never be accepted", async () => {
    const path = spoolFile();
    const sink = await sinkFor(() => ({ status: 400 }));
    const c = client(sink, path);
    c.track(event(1));
    await c.flush();
    expect(c.stats()).toMatchObject({ spooled: 0, failed: 1 });
    expect(fileText(path)).toBe("");
  });

  it("ignores a line torn by a crash in the middle of a write", async () => {
    const path = spoolFile();
    writeFileSync(path, '{"b":"01A","e":[{"type":"usage","event_id":"x1","provider":"p","model":"m"}]}\n{"b":"01B","e":[{"type":"us');
    const sink = await sinkFor();
    const c = client(sink, path);
    await until(() => sink.accepted.length === 1);
    await c.flush();
    expect(sink.accepted.map((e) => e.event_id)).toEqual(["x1"]);
  });
});
