// One measurement in a fresh process: node --expose-gc run-one.mjs <inferledger|posthog> <sinkUrl> <events> [cpu|rate|memory]
import { PostHog } from "posthog-node";
import { createClient } from "../dist/esm/index.js";

const [which, url, nArg] = process.argv.slice(2);
const N = Number(nArg);
const tick = () => new Promise((r) => setImmediate(r));

// The same facts in each SDK's own event shape.
function makeSdk(opts) {
  if (which === "inferledger") {
    const c = createClient({ apiKey: "il_bench", endpoint: url, spool: false, ...opts.il });
    return {
      ready: () => c.whenReady(),
      send: (i) =>
        c.track({
          provider: "openai",
          model: "gpt-4o-mini",
          customer: `cust-${i & 63}`,
          feature: "support-bot",
          usage: {
            prompt_tokens: 1200 + (i & 255),
            completion_tokens: 300,
            prompt_tokens_details: { cached_tokens: 1024 },
          },
          latencyMs: 840,
        }),
      flush: async () => {
        while ((await c.flush()).queued > 0);
      },
      close: () => c.shutdown(),
      count: () => c.stats(),
    };
  }
  const ph = new PostHog("phc_bench", { host: url, ...opts.ph });
  return {
    ready: tick,
    send: (i) =>
      ph.capture({
        distinctId: `cust-${i & 63}`,
        event: "$ai_generation",
        properties: {
          $ai_provider: "openai",
          $ai_model: "gpt-4o-mini",
          feature: "support-bot",
          $ai_input_tokens: 1200 + (i & 255),
          $ai_output_tokens: 300,
          $ai_cache_read_input_tokens: 1024,
          $ai_latency: 0.84,
        },
      }),
    flush: () => ph.flush(),
    close: () => ph.shutdown(),
    count: () => ({}),
  };
}

// Ours at its defaults (IL_OPTS, JSON, overrides them to compare settings); posthog-node with a
// queue as large as ours, so that it drops nothing.
const DEFAULTS = { il: JSON.parse(process.env.IL_OPTS ?? "{}"), ph: { flushAt: 100, maxQueueSize: 100_000 } };

async function cpuPerEvent() {
  const sdk = makeSdk(DEFAULTS);
  const run = async (n) => {
    for (let i = 0; i < n; i++) {
      sdk.send(i);
      if (i % 500 === 499) await tick(); // let the SDK send, as a real app's event loop would
    }
    await sdk.flush();
  };
  await run(20_000); // warm up the JIT and the connection pool
  globalThis.gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await run(N);
  const wall = Number(process.hrtime.bigint() - t0) / 1e3;
  const cpu = process.cpuUsage(cpu0);
  await sdk.close();
  return { cpuUs: (cpu.user + cpu.system) / N, wallUs: wall / N, stats: sdk.count() };
}

async function bytesPerQueued() {
  const M = 50_000;
  const never = 1e9;
  const sdk = makeSdk({
    il: { flushAt: 1000, flushIntervalMs: never, maxQueueSize: never },
    ph: { flushAt: never, flushInterval: never, maxQueueSize: never },
  });
  for (let i = 0; i < 1000; i++) sdk.send(i);
  for (let i = 0; i < 5; i++) await tick();
  globalThis.gc();
  const h0 = process.memoryUsage().heapUsed;
  for (let i = 0; i < M; i++) sdk.send(i);
  for (let i = 0; i < 5; i++) await tick();
  globalThis.gc();
  return (process.memoryUsage().heapUsed - h0) / M;
}

/**
 * Events handed to the server per second of wall time: track() as fast as the SDK takes them (ours
 * says when to wait with track() returning false; posthog-node has no such signal, so it is given
 * a turn of the event loop every 500 events), until the server acknowledged the last one.
 */
async function deliveredPerSecond() {
  const sdk = makeSdk(DEFAULTS);
  const run = async (n) => {
    for (let i = 0; i < n; i++)
      if (sdk.send(i) === false || (which === "posthog" && i % 500 === 499)) await sdk.ready();
    await sdk.flush();
  };
  await run(20_000);
  const t0 = process.hrtime.bigint();
  await run(N);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await sdk.close();
  return { perSecond: N / seconds, stats: sdk.count() };
}

if (process.argv[5] === "rate") {
  console.log(JSON.stringify(await deliveredPerSecond()));
} else if (process.argv[5] === "memory") {
  console.log(JSON.stringify({ bytes: await bytesPerQueued() }));
  process.exit(0); // the queued events are discarded on purpose
} else console.log(JSON.stringify(await cpuPerEvent()));
