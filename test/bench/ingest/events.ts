/**
 * The synthetic workload of the ingest benchmark and the crash test: realistic events in the
 * wire format of POST /api/v1/events, deterministic for a given index. Like production traffic
 * it is heavy-tailed: 2,000 customers with Zipf-distributed volume, each using one to three of
 * 12 features, each feature running on a main model (85%) and a second one (an experiment or a
 * fallback), among 8 models of which one has no price. A mix of provider shapes (raw OpenAI and
 * Anthropic usage, canonical tokens), latency on every event, metadata on a third of them.
 */
const MODELS = [
  { provider: "openai", model: "gpt-4o", shape: "openai" },
  { provider: "openai", model: "gpt-4o-mini", shape: "openai" },
  { provider: "openai", model: "gpt-4.1", shape: "tokens" },
  { provider: "anthropic", model: "claude-sonnet-4-5", shape: "anthropic" },
  { provider: "anthropic", model: "claude-haiku-4-5", shape: "anthropic" },
  { provider: "google", model: "gemini-2.5-flash", shape: "tokens" },
  { provider: "mistral", model: "mistral-large-latest", shape: "tokens" },
  { provider: "self-hosted", model: "our-finetune-v3", shape: "tokens" },
] as const;
const FEATURES = [
  "support-bot",
  "summarize",
  "search",
  "classify",
  "draft-reply",
  "translate",
  "extract",
  "agent",
  "rerank",
  "chat",
  "tagging",
  "qa",
];
const CUSTOMERS = 2000;
const ZIPF_MAX = Math.log(CUSTOMERS + 1);

function mix(n: number): number {
  let x = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Customer k's features: one to three, fixed per customer. */
function featureOf(customer: number, r: number): number {
  const count = 1 + (customer % 3);
  return (customer * 5 + (r % count) * 7) % FEATURES.length;
}

export function wireEvent(runId: string, index: number, occurredAt: string): Record<string, unknown> {
  const r = mix(index);
  const customer = Math.floor(Math.exp((mix(index + 0x5bd1e995) / 2 ** 32) * ZIPF_MAX)) - 1;
  const feature = featureOf(customer, r >>> 20);
  const m = MODELS[(r >>> 24) % 100 < 85 ? feature % MODELS.length : (feature * 3 + 1) % MODELS.length]!;
  const input = 200 + (r % 4000);
  const output = 20 + ((r >>> 8) % 800);
  const cached = (r >>> 4) % 3 === 0 ? 1024 * ((r >>> 12) % 8) : 0;
  let usage: Record<string, unknown> | undefined;
  let tokens: Record<string, number> | undefined;
  if (m.shape === "openai") {
    usage = {
      prompt_tokens: input + cached,
      completion_tokens: output,
      total_tokens: input + cached + output,
      prompt_tokens_details: { cached_tokens: cached },
    };
  } else if (m.shape === "anthropic") {
    usage = {
      input_tokens: input,
      cache_read_input_tokens: cached,
      cache_creation_input_tokens: 0,
      output_tokens: output,
    };
  } else {
    tokens = { input, output, ...(cached ? { cache_read: cached } : {}) };
  }
  return {
    type: "usage",
    event_id: `${runId}-${index}`,
    occurred_at: occurredAt,
    customer: `cust-${customer}`,
    feature: FEATURES[feature],
    provider: m.provider,
    model: m.model,
    ...(usage ? { usage } : {}),
    ...(tokens ? { tokens } : {}),
    latency_ms: 50 + ((r >>> 5) % 5000),
    ...((r >>> 9) % 3 === 0 ? { metadata: { prompt_version: `v${(r >>> 11) % 9}` } } : {}),
  };
}

/** The same event as the SDK's track() takes it. */
export function sdkUsage(wire: Record<string, unknown>): Record<string, unknown> {
  return {
    eventId: wire.event_id,
    occurredAt: wire.occurred_at,
    customer: wire.customer,
    feature: wire.feature,
    provider: wire.provider,
    model: wire.model,
    usage: wire.usage,
    tokens: wire.tokens && toCamel(wire.tokens as Record<string, number>),
    latencyMs: wire.latency_ms,
    metadata: wire.metadata,
  };
}

function toCamel(tokens: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(tokens))
    out[key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = value;
  return out;
}
