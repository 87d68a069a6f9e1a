// npm run bench:sdk — CPU per track() (amortised: event building, JSON, batching, gzip and HTTP
// included) and heap per queued event, @inferledger/sdk vs posthog-node, same local sink.
import { execFileSync, fork } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.BENCH_EVENTS ?? 200_000);
const sink = fork(join(here, "sink.mjs"));
process.on("exit", () => sink.kill());
const { url } = await new Promise((r) => sink.once("message", r));

const measure = (which, mode = "cpu") =>
  JSON.parse(execFileSync(process.execPath, ["--expose-gc", join(here, "run-one.mjs"), which, url, String(N), mode], { encoding: "utf8" }).trim().split("\n").pop());

const rows = {};
for (const which of ["inferledger", "posthog"]) {
  const runs = [measure(which), measure(which)];
  const best = runs.sort((a, b) => a.cpuUs - b.cpuUs)[0];
  rows[which] = { ...best, bytes: measure(which, "memory").bytes };
}
sink.send("stop");

const il = rows.inferledger;
const ph = rows.posthog;
const fmt = (v, d = 2) => v.toFixed(d).padStart(10);
console.log(`\n${N.toLocaleString()} events per run, best of 2, node ${process.version}, ${process.platform}/${process.arch}`);
console.log(`${"".padEnd(26)}${"CPU µs/event".padStart(14)}${"wall µs/event".padStart(15)}${"heap B/queued".padStart(15)}`);
for (const [name, r] of [["@inferledger/sdk", il], ["posthog-node", ph]]) {
  console.log(`${name.padEnd(26)}${fmt(r.cpuUs).padStart(14)}${fmt(r.wallUs).padStart(15)}${fmt(r.bytes, 0).padStart(15)}`);
}
console.log(`${"ratio posthog / ours".padEnd(26)}${(ph.cpuUs / il.cpuUs).toFixed(1).padStart(13)}x${(ph.wallUs / il.wallUs).toFixed(1).padStart(14)}x${(ph.bytes / il.bytes).toFixed(1).padStart(14)}x`);
console.log(`goal: <= 3 µs/event CPU: ${il.cpuUs <= 3 ? "met" : "NOT met"}; sent ${il.stats.sent}, dropped ${il.stats.dropped}, failed ${il.stats.failed}`);

