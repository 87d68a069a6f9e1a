/**
 * Load generator: CLIENTS SDK clients in this process, each tracking its share of COUNT
 * events in batches of 1,000 and waiting for each batch to be acknowledged before the next
 * (so CLIENTS batches are in flight). Times every HTTP request through the SDK's injectable
 * fetch and prints one JSON line: {sent, failed, seconds, latencies}.
 * Args: url key runId from count clients occurredAt [gzip]
 */
import { createClient, type FetchLike, type FetchResponse, type UsageInput } from "../../../packages/sdk/src/index";
import { sdkUsage, wireEvent } from "./events";

const [url, key, runId, fromText, countText, clientsText, occurredAt, gzipText] = process.argv.slice(2) as string[];
const from = Number(fromText);
const count = Number(countText);
const clients = Number(clientsText);
const BATCH = 1000;

const latencies: number[] = [];
const timedFetch: FetchLike = async (target, init) => {
  const started = performance.now();
  const res = await fetch(target, init as RequestInit);
  const text = await res.text();
  latencies.push(performance.now() - started);
  return { status: res.status, ok: res.ok, headers: res.headers, text: async () => text } satisfies FetchResponse;
};

async function runClient(start: number, end: number) {
  const errors: string[] = [];
  const client = createClient({
    apiKey: key!,
    endpoint: url!,
    fetch: timedFetch,
    flushAt: BATCH,
    flushIntervalMs: 60_000,
    maxBatchBytes: 1_000_000,
    maxQueueSize: BATCH * 2,
    spool: false,
    retryBaseMs: 50,
    retryMaxMs: 1000,
    gzip: gzipText === "1",
    onError: (error) => errors.push(error.message),
  });
  for (let i = start; i < end; i += BATCH) {
    for (let j = i; j < Math.min(end, i + BATCH); j++)
      client.track(sdkUsage(wireEvent(runId!, j, occurredAt!)) as unknown as UsageInput);
    while ((await client.flush()).queued > 0);
  }
  await client.shutdown();
  return { stats: client.stats(), errors };
}

const started = performance.now();
const share = Math.ceil(count / clients);
const results = await Promise.all(
  Array.from({ length: clients }, (_, c) =>
    runClient(from + c * share, Math.min(from + count, from + (c + 1) * share)),
  ),
);
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    sent: results.reduce((n, r) => n + r.stats.delivered, 0),
    failed: results.reduce((n, r) => n + r.stats.lost, 0),
    errors: results.flatMap((r) => r.errors).slice(0, 5),
    seconds,
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    latencies,
  }),
);
