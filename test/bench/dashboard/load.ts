/**
 * Loads synthetic usage through the ingestion module's set-based write (writeBatch: the same
 * transaction the API runs, every rollup level included), priced by the real engine, in big
 * batches on parallel connections, oldest events first. Validation is skipped: rows are built
 * already canonical, as validateEvents would produce them.
 */
import type { Pool } from "pg";
import { getProjectPricing } from "@/lib/pricing/db/book";
import { priceUsageEvent } from "@/lib/pricing/price-event";
import type { UsageRow } from "@/lib/ingest/types";
import { writeBatch } from "@/lib/ingest/write";
import { mulberry32 } from "@/lib/demo/generate";

const DAY_MS = 86_400_000;
/** Each feature runs on one main model and sometimes a second (an experiment or a fallback). */
const FEATURES: ReadonlyArray<{ key: string; models: ReadonlyArray<readonly [string, string]> }> = [
  {
    key: "support-bot",
    models: [
      ["anthropic", "claude-sonnet-4-5"],
      ["anthropic", "claude-haiku-4-5"],
    ],
  },
  {
    key: "summarize",
    models: [
      ["openai", "gpt-4o-mini"],
      ["openai", "ft:gpt-4o-mini:acme:v2"],
    ],
  },
  {
    key: "search",
    models: [
      ["google", "gemini-2.5-flash"],
      ["google", "gemini-2.5-flash"],
    ],
  },
  {
    key: "code-review",
    models: [
      ["anthropic", "claude-sonnet-4-5"],
      ["openai", "gpt-5"],
    ],
  },
  {
    key: "agent",
    models: [
      ["openai", "gpt-5"],
      ["anthropic", "claude-sonnet-4-5"],
    ],
  },
  {
    key: "classify",
    models: [
      ["openai", "gpt-4o-mini"],
      ["google", "gemini-2.5-flash"],
    ],
  },
];

/** A customer uses one to three features, like real accounts do. */
function featuresOf(customer: number): number[] {
  const first = (customer * 7) % FEATURES.length;
  const out = [first];
  if (customer % 2 === 0) out.push((first + 1 + (customer % 5)) % FEATURES.length);
  if (customer % 5 === 0) out.push((first + 3) % FEATURES.length);
  return [...new Set(out)];
}

interface LoadOptions {
  events: number;
  days: number;
  customers: number;
  batchSize: number;
  concurrency: number;
  now: number;
  onProgress: (done: number) => void;
}

function buildBatch(start: number, count: number, options: LoadOptions): UsageRow[] {
  const random = mulberry32(start + 17);
  const rows: UsageRow[] = [];
  const zipfMax = Math.log(options.customers + 1);
  for (let i = 0; i < count; i++) {
    const n = start + i;
    // History arrives in time order, as it does in production: event n sits at fraction n/events of the period.
    const occurredMs =
      options.now -
      60_000 -
      options.days * DAY_MS +
      Math.floor(((n + random()) / options.events) * options.days * DAY_MS);
    const customer = Math.floor(Math.exp(random() * zipfMax)) - 1;
    const features = featuresOf(customer);
    const feature = FEATURES[features[Math.floor(random() * features.length)]!]!;
    const model = feature.models[random() < 0.85 ? 0 : 1]!;
    const latency = random() < 0.95 ? Math.round(200 * Math.exp(random() * 4)) : null;
    rows.push({
      kind: "usage",
      index: i,
      eventId: `b-${n}`,
      occurredAt: new Date(occurredMs).toISOString(),
      occurredMs,
      customer: `cust-${customer}`,
      feature: feature.key,
      customerName: null,
      featureName: null,
      metadata: "{}",
      provider: model[0],
      model: model[1],
      serviceTier: "standard",
      tokens: {
        input: Math.floor(random() * 4000),
        cache_read: Math.floor(random() * 8000),
        output: Math.floor(random() * 600),
        reasoning: model[1] === "gpt-5" ? Math.floor(random() * 900) : 0,
      },
      units: null,
      gpuMicros: 0,
      hasGpu: false,
      gpuType: null,
      gpuPool: null,
      latencyMs: latency,
      status: random() < 0.02 ? "error" : "ok",
      errorType: null,
      traceId: null,
      sessionId: null,
      reportedCost: null,
      usageUnknown: false,
    });
  }
  return rows;
}

export async function loadEvents(pool: Pool, projectId: string, options: LoadOptions): Promise<void> {
  const pricing = await getProjectPricing(pool, projectId);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < options.events) {
      const start = next;
      const count = Math.min(options.batchSize, options.events - start);
      next += count;
      const rows = buildBatch(start, count, options);
      const priced = rows.map((row) => priceUsageEvent(row, pricing));
      await writeBatch(pool, { projectId, rows, priced });
      done += count;
      options.onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}
