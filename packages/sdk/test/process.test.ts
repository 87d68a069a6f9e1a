// The SDK inside a real Node process: what happens when it exits, and on SIGTERM / SIGINT.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { until } from "./support/helpers.js";
import { installedApp } from "./support/packed.js";
import { startSink, type Sink } from "./support/sink.js";

let app: string;
beforeAll(async () => {
  app = await installedApp();
});
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

async function sinkFor(respond?: Parameters<typeof startSink>[0]): Promise<Sink> {
  const sink = await startSink(respond);
  cleanup.push(() => sink.close());
  return sink;
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

/** Runs a script of the test app; `signal` is sent once it printed "ready". */
function runScript(name: string, source: string, env: Record<string, string>, signal?: NodeJS.Signals): Promise<Ended> {
  writeFileSync(join(app, name), source);
  const child = spawn(process.execPath, [name], {
    cwd: app,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    if (signal && stdout.includes("ready")) child.kill(signal);
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolve) =>
    child.once("exit", (code, sig) => (clearTimeout(killer), resolve({ code, signal: sig, stdout }))),
  );
}

const SERVER = `import { createClient } from "@inferledger/sdk";
const c = createClient({ apiKey: "k", endpoint: process.env.SINK, spoolDir: process.env.DIR, flushIntervalMs: 60000 });
c.installShutdownHooks();
for (let i = 0; i < 5; i++) c.track({ provider: "openai", model: "m" + i });
setInterval(() => {}, 1000); // a server: the event loop never empties
`;

describe("process lifecycle", () => {
  it("on SIGTERM, delivers what is queued, then ends by the signal as Node would", async () => {
    const sink = await sinkFor();
    const ended = await runScript(
      "sigterm.mjs",
      `${SERVER}console.log("ready");\n`,
      { SINK: sink.url, DIR: mkdtempSync(join(tmpdir(), "il-proc-")) },
      "SIGTERM",
    );
    expect(ended).toMatchObject({ signal: "SIGTERM", code: null });
    expect(sink.accepted.map((e) => e.model)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
  });

  it("on SIGINT with the app's own handler, delivers and leaves the exit to that handler", async () => {
    const sink = await sinkFor();
    const source = `${SERVER}process.on("SIGINT", () => setTimeout(() => { console.log("app handler"); process.exit(7); }, 500));\nconsole.log("ready");\n`;
    const ended = await runScript(
      "sigint.mjs",
      source,
      { SINK: sink.url, DIR: mkdtempSync(join(tmpdir(), "il-proc-")) },
      "SIGINT",
    );
    expect(ended).toMatchObject({ code: 7, signal: null });
    expect(ended.stdout).toContain("app handler");
    expect(sink.accepted).toHaveLength(5);
  });

  it("a script that ends against a dead app exits after shutdownTimeoutMs with its events in the spool, replayed by the next run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "il-proc-"));
    const source = `import { createClient } from "@inferledger/sdk";
const c = createClient({ apiKey: "k", endpoint: process.env.SINK, spoolDir: process.env.DIR, shutdownTimeoutMs: 500, onError: () => {} });
if (process.env.TRACK) for (let i = 0; i < 3; i++) c.track({ provider: "openai", model: "m" + i });
process.on("exit", () => console.log(JSON.stringify(c.stats())));
`;
    const first = await runScript("script.mjs", source, { SINK: "http://127.0.0.1:9", DIR: dir, TRACK: "1" });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ delivered: 0, spooled: 3, lost: 0, queued: 0 });
    const sink = await sinkFor();
    const second = await runScript("script.mjs", source, { SINK: sink.url, DIR: dir });
    expect(JSON.parse(second.stdout)).toEqual({ delivered: 3, spooled: 0, lost: 0, queued: 0 });
    await until(() => sink.accepted.length === 3);
    expect(sink.accepted.map((e) => e.model)).toEqual(["m0", "m1", "m2"]);
  });
});
