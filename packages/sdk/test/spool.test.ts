import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ClientOptions, InferLedgerError } from "../src/index.js";
import { until } from "./support/helpers.js";
import { loadSdk } from "./support/packed.js";
import { startSink, type Responder, type Sink } from "./support/sink.js";

let sdk: Awaited<ReturnType<typeof loadSdk>>["core"];
let app: string;
beforeAll(async () => {
  ({ core: sdk, app } = await loadSdk());
});
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

const spoolDir = () => mkdtempSync(join(tmpdir(), "il-spool-"));
const spoolFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".spool"));
const event = (i: number) => ({ provider: "openai", model: "gpt-4o", usage: { prompt_tokens: i } });
/** A process id that is certainly not running: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

async function sinkFor(respond?: Responder): Promise<Sink> {
  const sink = await startSink(respond);
  cleanup.push(() => sink.close());
  return sink;
}

function client(sink: Sink, dir: string, errors: InferLedgerError[] = [], opts: Partial<ClientOptions> = {}) {
  const c = sdk.createClient({
    apiKey: "k",
    endpoint: sink.url,
    spoolDir: dir,
    retryBaseMs: 1,
    flushIntervalMs: 60_000,
    onError: (e) => errors.push(e),
    ...opts,
  });
  cleanup.push(() => c.shutdown());
  return c;
}

describe("durable spool (on by default on Node)", () => {
  it("replays what a process killed with -9 had spooled, exactly once; what it never spooled is lost, and only that", async () => {
    const dir = spoolDir();
    const down = await sinkFor(() => ({ status: 503 }));
    const script = join(app, "killed.mjs");
    // 100 events fail their first attempt (so they are spooled); 20 more stay in memory, unbatched (flushAt 50).
    writeFileSync(
      script,
      `import { createClient } from "@inferledger/sdk";
const c = createClient({ apiKey: "k", endpoint: process.env.SINK, spoolDir: process.env.DIR, flushAt: 50, retryBaseMs: 60000, onError: () => {} });
for (let i = 0; i < 100; i++) c.track({ provider: "openai", model: "gpt-4o", usage: { prompt_tokens: i } });
const wait = setInterval(() => {
  if (c.stats().spooled < 100) return;
  clearInterval(wait);
  for (let i = 100; i < 120; i++) c.track({ provider: "openai", model: "gpt-4o", usage: { prompt_tokens: i } });
  console.log(JSON.stringify(c.stats()));
  setInterval(() => {}, 1000);
}, 5);
`,
    );
    const child = spawn(process.execPath, [script], {
      cwd: app,
      env: { ...process.env, SINK: down.url, DIR: dir },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    await until(() => out.includes("\n"), 30_000);
    expect(JSON.parse(out)).toEqual({ delivered: 0, spooled: 100, lost: 0, queued: 120 });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const spooledIds = new Set(down.requests.flatMap((r) => r.events.map((e) => e.event_id)));
    expect(spooledIds.size).toBe(100);

    // Two clients start at once on the same folder: one adopts the dead process's file, not both.
    const up = await sinkFor();
    const first = client(up, dir);
    const second = client(up, dir);
    await until(() => up.accepted.length >= 100);
    const totals = [await first.shutdown(), await second.shutdown()];
    expect(up.accepted.map((e) => e.event_id).sort()).toEqual([...spooledIds].sort());
    expect(up.accepted.map((e) => e.usage?.prompt_tokens).sort((a, b) => a! - b!)).toEqual([...Array(100).keys()]);
    expect(totals.reduce((n, t) => n + t.delivered, 0)).toBe(100);
    expect(totals.every((t) => t.spooled === 0 && t.lost === 0)).toBe(true);
    expect(spoolFiles(dir)).toEqual([]);
  });

  it("shutdown() against a dead app keeps every event in the spool and says so", async () => {
    const dir = spoolDir();
    const errors: InferLedgerError[] = [];
    const c = sdk.createClient({
      apiKey: "k",
      endpoint: "http://127.0.0.1:9",
      spoolDir: dir,
      flushAt: 100,
      shutdownTimeoutMs: 300,
      onError: (e) => errors.push(e),
    });
    for (let i = 0; i < 500; i++) c.track(event(i));
    expect(await c.shutdown()).toEqual({ delivered: 0, spooled: 500, lost: 0, queued: 0 });
    expect(c.stats()).toEqual({ delivered: 0, spooled: 500, lost: 0, queued: 0 });
    expect(errors.map((e) => e.code)).toEqual(["retrying"]);
    const text = readFileSync(join(dir, spoolFiles(dir)[0]!), "utf8");
    expect(text.match(/"event_id"/g)).toHaveLength(500);
  });

  it("shutdown() against a dead app without a spool reports every event lost, to onError and in stats()", async () => {
    const errors: InferLedgerError[] = [];
    const c = sdk.createClient({
      apiKey: "k",
      endpoint: "http://127.0.0.1:9",
      spool: false,
      flushAt: 100,
      shutdownTimeoutMs: 300,
      onError: (e) => errors.push(e),
    });
    for (let i = 0; i < 500; i++) c.track(event(i));
    expect(await c.shutdown()).toEqual({ delivered: 0, spooled: 0, lost: 500, queued: 0 });
    expect(c.stats().lost).toBe(500);
    const lost = errors.filter((e) => e.code === "shutdown");
    expect(lost.reduce((n, e) => n + e.count!, 0)).toBe(500);
    expect(lost[0]!.message).toContain("lost");
  });

  it("refuses to grow past maxSpoolBytes: the batch stays in memory and is reported", async () => {
    const dir = spoolDir();
    const errors: InferLedgerError[] = [];
    const sink = await sinkFor(() => ({ status: 503 }));
    const c = client(sink, dir, errors, { maxSpoolBytes: 200, shutdownTimeoutMs: 200, spool: true });
    c.track(event(1));
    const totals = await c.shutdown();
    expect(totals).toMatchObject({ spooled: 0, lost: 1 });
    expect(errors.map((e) => e.code)).toEqual(["retrying", "spool_error", "shutdown"]);
    expect(errors[1]!.message).toContain("maxSpoolBytes");
  });

  it("adopts the file of a process that is gone, skipping a line torn by a crash", async () => {
    const dir = spoolDir();
    writeFileSync(
      join(dir, `${deadPid()}-01JA0000000000000000000000.spool`),
      '{"b":"01A","t":1,"e":[{"type":"usage","event_id":"x1","occurred_at":"2026-01-01T00:00:00.000Z","provider":"p","model":"m"}]}\n{"b":"01B","t":1,"e":[{"type":"us',
    );
    const sink = await sinkFor();
    const c = client(sink, dir, [], { maxEventAgeMs: Infinity });
    await until(() => sink.accepted.length === 1);
    await c.shutdown();
    expect(sink.accepted.map((e) => e.event_id)).toEqual(["x1"]);
    expect(spoolFiles(dir)).toEqual([]);
  });

  it("never adopts the file of another client of the same process", async () => {
    const dir = spoolDir();
    const down = await sinkFor(() => ({ status: 503 }));
    const first = client(down, dir, [], { shutdownTimeoutMs: 100 });
    first.track(event(1));
    await first.flush(); // returns after shutdownTimeoutMs, the batch retrying
    await until(() => first.stats().spooled === 1);
    const up = await sinkFor();
    const second = client(up, dir);
    second.track(event(2));
    await second.shutdown();
    expect(up.accepted.map((e) => e.usage?.prompt_tokens)).toEqual([2]);
    expect(await first.shutdown()).toMatchObject({ spooled: 1, lost: 0 });
    expect(spoolFiles(dir)).toHaveLength(1);
  });

  it("leaves alone the file of a process that is still running", async () => {
    const dir = spoolDir();
    const name = `${process.ppid}-01JA0000000000000000000000.spool`;
    writeFileSync(
      join(dir, name),
      '{"b":"01A","t":1,"e":[{"type":"usage","event_id":"x1","provider":"p","model":"m"}]}\n',
    );
    const sink = await sinkFor();
    const c = client(sink, dir);
    c.track(event(1));
    await c.shutdown();
    expect(sink.accepted.map((e) => e.usage?.prompt_tokens)).toEqual([1]);
    expect(spoolFiles(dir)).toEqual([name]);
  });
});
