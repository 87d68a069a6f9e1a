/**
 * Deterministic demo usage: about 90 days of a product with six AI features, ~200 customers
 * with heavy-tailed (Zipf) usage, API models from OpenAI, Anthropic and Google (with cache
 * reads and reasoning tokens), a self-hosted model on a GPU pool, weekday seasonality, a slow
 * growth trend, outcome events, and planted cost anomalies for the detector and the digest:
 *
 * - a spike: one customer's agent usage jumps about 25x for one day, 9 days ago;
 * - a level shift: summarize's prompt grows (v4 -> v5) 30 days ago, input tokens x2.3;
 * - a model switch: code-review moves from claude-opus-4-1 to claude-sonnet-4-5 20 days ago;
 * - an unpriced fine-tune that needs a price.
 *
 * Same seed, same `now` day -> same events, with stable event ids: seeding twice is a no-op.
 * Events are produced day by day in batches, so memory stays flat at any size.
 */
export interface DemoOptions {
  days: number;
  /** Average usage events per day before seasonality and trend. */
  eventsPerDay: number;
  now: number;
  seed?: number;
  customers?: number;
}

export type DemoEvent = Record<string, unknown>;

interface Feature {
  key: string;
  name: string;
  weight: number;
  outcome?: { type: string; probability: number; value?: number };
  call: (ctx: CallContext) => DemoEvent;
}

interface CallContext {
  random: () => number;
  dayOffset: number;
  customer: string;
}

const DAY_MS = 86_400_000;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A log-normal draw around `median` with spread `sigma` (Box-Muller). */
function logNormal(random: () => number, median: number, sigma: number): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

const int = (value: number) => Math.max(0, Math.round(value));

const FEATURES: Feature[] = [
  {
    key: "support-bot",
    name: "Support bot",
    weight: 0.34,
    outcome: { type: "ticket_resolved", probability: 0.22, value: 0.99 },
    call: ({ random }) => ({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      usage: {
        input_tokens: int(logNormal(random, 900, 0.6)),
        cache_read_input_tokens: random() < 0.85 ? int(logNormal(random, 12_000, 0.3)) : 0,
        cache_creation_input_tokens: random() < 0.08 ? 12_000 : 0,
        output_tokens: int(logNormal(random, 350, 0.5)),
      },
      latency_ms: int(logNormal(random, 2400, 0.45)),
    }),
  },
  {
    key: "summarize",
    name: "Document summaries",
    weight: 0.22,
    outcome: { type: "document_generated", probability: 0.9 },
    call: ({ random, dayOffset }) => {
      const promptGrowth = dayOffset >= -30 ? 2.3 : 1;
      return {
        provider: "openai",
        model: "gpt-4o-mini",
        usage: { prompt_tokens: int(logNormal(random, 4200 * promptGrowth, 0.7)), completion_tokens: int(logNormal(random, 420, 0.4)) },
        latency_ms: int(logNormal(random, 1900, 0.4)),
        metadata: { prompt_version: dayOffset >= -30 ? "v5" : "v4" },
      };
    },
  },
  {
    key: "search",
    name: "Semantic search answers",
    weight: 0.2,
    call: ({ random }) => {
      const thoughts = int(logNormal(random, 300, 0.8));
      const candidates = int(logNormal(random, 180, 0.5));
      const prompt = int(logNormal(random, 2600, 0.5));
      return {
        provider: "google",
        model: "gemini-2.5-flash",
        usage: { promptTokenCount: prompt, candidatesTokenCount: candidates, thoughtsTokenCount: thoughts, totalTokenCount: prompt + candidates + thoughts },
        latency_ms: int(logNormal(random, 1100, 0.35)),
      };
    },
  },
  {
    key: "code-review",
    name: "Code review",
    weight: 0.08,
    outcome: { type: "review_completed", probability: 0.95 },
    call: ({ random, dayOffset }) => ({
      provider: "anthropic",
      model: dayOffset >= -20 ? "claude-sonnet-4-5" : "claude-opus-4-1",
      usage: {
        input_tokens: int(logNormal(random, 9000, 0.6)),
        cache_read_input_tokens: int(logNormal(random, 4000, 0.5)),
        output_tokens: int(logNormal(random, 1200, 0.5)),
      },
      latency_ms: int(logNormal(random, 9000, 0.4)),
    }),
  },
  {
    key: "agent",
    name: "Research agent",
    weight: 0.07,
    outcome: { type: "task_completed", probability: 0.35, value: 2.5 },
    call: ({ random }) => {
      const cached = int(logNormal(random, 6000, 0.6));
      const reasoning = int(logNormal(random, 1800, 0.7));
      const fresh = int(logNormal(random, 3000, 0.7));
      const output = int(logNormal(random, 600, 0.5));
      return {
        provider: "openai",
        model: "gpt-5",
        usage: {
          input_tokens: fresh + cached,
          input_tokens_details: { cached_tokens: cached },
          output_tokens: output + reasoning,
          output_tokens_details: { reasoning_tokens: reasoning },
          total_tokens: fresh + cached + output + reasoning,
        },
        latency_ms: int(logNormal(random, 14_000, 0.5)),
      };
    },
  },
  {
    key: "classify",
    name: "Ticket triage (self-hosted)",
    weight: 0.09,
    call: ({ random }) => {
      const seconds = Math.round(logNormal(random, 0.35, 0.4) * 1e6) / 1e6;
      // H100 at $2.50/h: the client reports the GPU cost it computed.
      const cost = ((seconds * 2.5) / 3600).toFixed(12);
      return {
        provider: "self-hosted",
        model: "llama-3.1-8b",
        tokens: { input: int(logNormal(random, 700, 0.4)), output: int(logNormal(random, 12, 0.3)) },
        gpu: { seconds, type: "H100", pool: "eu-1" },
        cost_usd: cost,
        latency_ms: int(seconds * 1000 + logNormal(random, 40, 0.3)),
      };
    },
  },
];

const UNPRICED = { provider: "openai", model: "ft:gpt-4o-mini:demo-co:triage-v2" };
const SPIKE = { dayOffset: -9, customerRank: 14, multiplier: 25, feature: "agent" };

const SYLLABLES = ["nor", "vel", "tri", "ax", "qua", "lum", "ber", "zen", "kor", "sol", "mira", "dex", "pol", "ra", "ven", "tal", "cor", "io", "fin", "gra"];
const SUFFIXES = ["labs", "health", "logistics", "bank", "retail", "media", "cloud", "legal", "energy", "travel"];

export function demoCustomers(count: number, seed = 1): { id: string; name: string; weight: number }[] {
  const random = mulberry32(seed * 7919);
  const seen = new Set<string>();
  const out: { id: string; name: string; weight: number }[] = [];
  while (out.length < count) {
    const base = SYLLABLES[Math.floor(random() * SYLLABLES.length)]! + SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
    const suffix = SUFFIXES[Math.floor(random() * SUFFIXES.length)]!;
    const id = `${base}-${suffix}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const name = `${base[0]!.toUpperCase()}${base.slice(1)} ${suffix[0]!.toUpperCase()}${suffix.slice(1)}`;
    out.push({ id, name, weight: 1 / (out.length + 1) ** 1.15 });
  }
  return out;
}

function picker<T extends { weight: number }>(items: readonly T[]): (random: () => number) => T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const item of items) cumulative.push((running += item.weight / total));
  return (random) => {
    const target = random();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return items[low]!;
  };
}

/** Expected number of usage events, for progress bars. */
export function expectedDemoEvents(options: DemoOptions): number {
  let total = 0;
  for (let offset = -(options.days - 1); offset <= 0; offset++) total += dayVolume(options, offset);
  return total;
}

function dayVolume(options: DemoOptions, offset: number): number {
  const date = new Date(options.now + offset * DAY_MS);
  const weekday = date.getUTCDay();
  const seasonal = weekday === 0 || weekday === 6 ? 0.45 : 1.1;
  const trend = 1 + 0.004 * (offset + options.days);
  const fraction = offset === 0 ? (options.now % DAY_MS) / DAY_MS : 1;
  return Math.round(options.eventsPerDay * seasonal * trend * fraction);
}

/** Usage and outcome events, one day at a time, in batches of at most `batchSize`. */
export function* generateDemoEvents(options: DemoOptions, batchSize = 1000): Generator<DemoEvent[]> {
  const seed = options.seed ?? 1;
  const customers = demoCustomers(options.customers ?? 200, seed);
  const pickCustomer = picker(customers);
  const pickFeature = picker(FEATURES);
  const today = Math.floor(options.now / DAY_MS) * DAY_MS;
  let batch: DemoEvent[] = [];

  for (let offset = -(options.days - 1); offset <= 0; offset++) {
    const random = mulberry32(seed * 1_000_003 + (Math.floor(today / DAY_MS) + offset));
    const dayStart = today + offset * DAY_MS;
    const horizon = offset === 0 ? options.now - dayStart - 60_000 : DAY_MS;
    const volume = dayVolume(options, offset);
    const spike = offset === SPIKE.dayOffset ? Math.round((volume * FEATURES.find((f) => f.key === SPIKE.feature)!.weight * SPIKE.multiplier) / 40) : 0;
    const day = new Date(dayStart).toISOString().slice(0, 10);

    for (let i = 0; i < volume + spike; i++) {
      const isSpike = i >= volume;
      const customer = isSpike ? customers[SPIKE.customerRank]! : pickCustomer(random);
      const feature = isSpike ? FEATURES.find((f) => f.key === SPIKE.feature)! : pickFeature(random);
      const occurred = dayStart + Math.floor(businessHours(random) * horizon);
      const call = feature.call({ random, dayOffset: offset, customer: customer.id });
      const unpriced = feature.key === "summarize" && random() < 0.015;
      const failed = random() < 0.015;
      batch.push({
        type: "usage",
        event_id: `demo-${day}-${i}`,
        occurred_at: new Date(occurred).toISOString(),
        customer: customer.id,
        customer_name: customer.name,
        feature: feature.key,
        feature_name: feature.name,
        ...call,
        ...(unpriced ? UNPRICED : {}),
        ...(failed ? { status: "error", error_type: random() < 0.5 ? "rate_limited" : "timeout" } : {}),
        trace_id: `tr-${day}-${Math.floor(i / 3)}`,
      });
      if (feature.outcome && !failed && random() < feature.outcome.probability) {
        batch.push({
          type: "outcome",
          event_id: `demo-${day}-${i}-outcome`,
          occurred_at: new Date(Math.min(occurred + 1000, options.now)).toISOString(),
          customer: customer.id,
          feature: feature.key,
          outcome: feature.outcome.type,
          quantity: 1,
          ...(feature.outcome.value === undefined ? {} : { value: feature.outcome.value }),
        });
      }
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/** A time of day in [0, 1), denser in working hours. */
function businessHours(random: () => number): number {
  const t = random() < 0.75 ? 0.33 + random() * 0.42 : random();
  return Math.min(t, 0.999);
}
