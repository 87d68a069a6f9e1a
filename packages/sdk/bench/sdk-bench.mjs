// npm run bench:sdk — CPU per track() (amortised: event building, JSON, batching and HTTP
// included), events delivered per second by one process, and heap per queued event,
// @inferledger/sdk vs posthog-node, same local sink; then the bundle sizes.
import { execFileSync, fork } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.BENCH_EVENTS ?? 200_000);
const sink = fork(join(here, "sink.mjs"));
process.on("exit", () => sink.kill());
const { url } = await new Promise((r) => sink.once("message", r));

const measure = (which, mode = "cpu") =>
  JSON.parse(
    execFileSync(process.execPath, ["--expose-gc", join(here, "run-one.mjs"), which, url, String(N), mode], {
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop(),
  );

const rows = {};
for (const which of ["inferledger", "posthog"]) {
  const runs = [measure(which), measure(which)];
  const best = runs.sort((a, b) => a.cpuUs - b.cpuUs)[0];
  const rate = measure(which, "rate");
  rows[which] = { ...best, perSecond: rate.perSecond, rateStats: rate.stats, bytes: measure(which, "memory").bytes };
}
sink.send("stop");

const il = rows.inferledger;
const ph = rows.posthog;
const fmt = (v, d = 2) => v.toFixed(d).padStart(10);
console.log(
  `\n${N.toLocaleString()} events per run, best of 2, node ${process.version}, ${process.platform}/${process.arch}`,
);
console.log(
  `${"".padEnd(26)}${"CPU µs/track".padStart(14)}${"wall µs/track".padStart(15)}${"delivered/s".padStart(13)}${"heap B/queued".padStart(15)}`,
);
for (const [name, r] of [
  ["@inferledger/sdk", il],
  ["posthog-node", ph],
]) {
  console.log(
    `${name.padEnd(26)}${fmt(r.cpuUs).padStart(14)}${fmt(r.wallUs).padStart(15)}${fmt(r.perSecond, 0).padStart(13)}${fmt(r.bytes, 0).padStart(15)}`,
  );
}
const ratio = (a, b) => `${(a / b).toFixed(1)}x`;
console.log(
  `${"ratio ours vs posthog".padEnd(26)}${ratio(ph.cpuUs, il.cpuUs).padStart(14)}${ratio(ph.wallUs, il.wallUs).padStart(15)}${ratio(il.perSecond, ph.perSecond).padStart(13)}${ratio(ph.bytes, il.bytes).padStart(15)}`,
);
const lost = il.stats.lost + il.rateStats.lost;
console.log(
  `goals: <= 3 µs/track CPU ${il.cpuUs <= 3 ? "met" : "NOT met"}; >= 50,000 delivered/s ${il.perSecond >= 50_000 ? "met" : "NOT met"}; lost ${lost} (delivered ${il.stats.delivered + il.rateStats.delivered})`,
);
console.log("");
execFileSync(process.execPath, [join(here, "..", "scripts", "size.mjs")], { stdio: "inherit" });
