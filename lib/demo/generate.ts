/**
 * Deterministic demo usage: about 90 days of a small AI SaaS with seven AI features, ~200
 * customers with heavy-tailed (Zipf) usage, API models from OpenAI, Anthropic and Google (with
 * cache reads, cache writes and reasoning tokens), self-hosted models on a reserved GPU pool,
 * weekday seasonality, a slow growth trend and outcome events. About 400 usage events a day (~54k
 * events in 90 days), with the token counts and GPU time of real workloads:
 *
 * - support-bot: claude-sonnet-4-5 with a ~50k-token help-centre context, mostly cache reads;
 * - summarize: long documents (~24k tokens) on gpt-4.1;
 * - search: answers on gemini-2.5-flash (cheap);
 * - code-review: large diffs on claude-opus-4-1, then claude-sonnet-4-5 (below);
 * - agent: a research agent on gpt-5 (tens of thousands of cached context tokens, thousands of
 *   reasoning tokens a step), one step in four condensing a tool result on gpt-4o-mini;
 * - classify: online triage on a self-hosted Llama, priced by GPU time (under a second a request);
 * - reindex: the nightly re-embedding of four larger customers' documents on a self-hosted bge-m3,
 *   one GPU job of hours per customer (`REINDEX`). With classify it keeps the reserved H100 about
 *   half busy: ~47% over the last 30 days, 50-65% on weekdays and 20-25% at weekends.
 *
 * Spend: about $35 a weekday and $14 a weekend day on API models, plus about $30 and $12 of GPU
 * time; $340-450 a week (about $4,900 over 90 days, $2,300 of it GPU time).
 *
 * Planted cost anomalies for the detector and the digest, each worth more than the detector's
 * default minimum impact of $5 a day (`demoPlantedAnomalies` gives their days for a `now`):
 *
 * - a spike: one mid-sized customer's (rank 14) research agent runs away for a day, 9 days ago:
 *   300 extra gpt-5 steps over a growing context, about +$23 on a customer that usually spends
 *   under $1 a day;
 * - a level shift: summarize's prompt grows (v4 -> v5, input tokens x2.5) on the Monday on or
 *   before 30 days ago, about +$8-10 a weekday;
 * - a model switch: code-review moves from claude-opus-4-1 to claude-sonnet-4-5 on the Monday on
 *   or before 20 days ago, about -$14 a weekday;
 * - an unpriced fine-tune that needs a price.
 *
 * The shift and the switch start on a Monday, as a deploy would, so the days that confirm them
 * are working days (and clear the minimum impact) whatever day the demo is loaded.
 * test/anomalies/demo.test.ts ingests the demo and requires the detector to find all three.
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

type DemoEvent = Record<string, unknown>;

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
  plan: Plan;
}

/** Day offsets (0 = today) of the planted changes for one `now`. */
interface Plan {
  spike: number;
  promptGrowth: number;
  modelSwitch: number;
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

/** H100 at $2.50/h: the self-hosted client reports the GPU cost it computed. */
const h100Cost = (seconds: number) => ((seconds * 2.5) / 3600).toFixed(12);

/** One research-agent step on gpt-5: the run's context so far is cached, tool results are new. */
function agentStep(random: () => number, contextTokens: number, reasoningMedian: number): DemoEvent {
  const cached = int(contextTokens);
  const reasoning = int(logNormal(random, reasoningMedian, 0.6));
  const fresh = int(logNormal(random, 9000, 0.6));
  const output = int(logNormal(random, 700, 0.5));
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
    latency_ms: int(logNormal(random, 16_000, 0.5)),
  };
}

const FEATURES: Feature[] = [
  {
    key: "support-bot",
    name: "Support bot",
    weight: 0.34,
    outcome: { type: "ticket_resolved", probability: 0.22, value: 0.99 },
    // A long system prompt plus help-centre articles, cached (5-minute writes when it goes cold).
    call: ({ random }) => ({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      usage: {
        input_tokens: int(logNormal(random, 4000, 0.7)),
        cache_read_input_tokens: random() < 0.88 ? int(logNormal(random, 50_000, 0.25)) : 0,
        cache_creation_input_tokens: random() < 0.08 ? 50_000 : 0,
        output_tokens: int(logNormal(random, 550, 0.5)),
      },
      latency_ms: int(logNormal(random, 2600, 0.45)),
    }),
  },
  {
    key: "summarize",
    name: "Document summaries",
    weight: 0.22,
    outcome: { type: "document_generated", probability: 0.9 },
    // Long documents (contracts, reports) on a long-context model; prompt v5 adds the whole thread.
    call: ({ random, dayOffset, plan }) => {
      const v5 = dayOffset >= plan.promptGrowth;
      return {
        provider: "openai",
        model: "gpt-4.1",
        usage: {
          prompt_tokens: int(logNormal(random, 24_000 * (v5 ? 2.5 : 1), 0.6)),
          completion_tokens: int(logNormal(random, 650, 0.4)),
        },
        latency_ms: int(logNormal(random, 6500, 0.4)),
        metadata: { prompt_version: v5 ? "v5" : "v4" },
      };
    },
  },
  {
    key: "search",
    name: "Semantic search answers",
    weight: 0.17,
    call: ({ random }) => {
      const thoughts = int(logNormal(random, 400, 0.8));
      const candidates = int(logNormal(random, 220, 0.5));
      const prompt = int(logNormal(random, 5200, 0.5));
      return {
        provider: "google",
        model: "gemini-2.5-flash",
        usage: {
          promptTokenCount: prompt,
          candidatesTokenCount: candidates,
          thoughtsTokenCount: thoughts,
          totalTokenCount: prompt + candidates + thoughts,
        },
        latency_ms: int(logNormal(random, 1100, 0.35)),
      };
    },
  },
  {
    key: "code-review",
    name: "Code review",
    weight: 0.08,
    outcome: { type: "review_completed", probability: 0.95 },
    call: ({ random, dayOffset, plan }) => ({
      provider: "anthropic",
      model: dayOffset >= plan.modelSwitch ? "claude-sonnet-4-5" : "claude-opus-4-1",
      usage: {
        input_tokens: int(logNormal(random, 14_000, 0.5)),
        cache_read_input_tokens: int(logNormal(random, 6000, 0.4)),
        output_tokens: int(logNormal(random, 1500, 0.5)),
      },
      latency_ms: int(logNormal(random, 9000, 0.4)),
    }),
  },
  {
    key: "agent",
    name: "Research agent",
    weight: 0.1,
    outcome: { type: "task_completed", probability: 0.35, value: 2.5 },
    call: ({ random }) => {
      // One step in four condenses a tool result with a small model.
      if (random() < 0.25) {
        return {
          provider: "openai",
          model: "gpt-4o-mini",
          usage: {
            prompt_tokens: int(logNormal(random, 6000, 0.6)),
            completion_tokens: int(logNormal(random, 450, 0.4)),
          },
          latency_ms: int(logNormal(random, 1800, 0.4)),
        };
      }
      return agentStep(random, logNormal(random, 36_000, 0.5), 4000);
    },
  },
  {
    key: "classify",
    name: "Ticket triage (self-hosted)",
    weight: 0.09,
    call: ({ random }) => {
      const seconds = Math.round(logNormal(random, 0.35, 0.4) * 1e6) / 1e6;
      return {
        provider: "self-hosted",
        model: "llama-3.1-8b",
        tokens: { input: int(logNormal(random, 700, 0.4)), output: int(logNormal(random, 12, 0.3)) },
        gpu: { seconds, type: "H100", pool: "eu-1" },
        cost_usd: h100Cost(seconds),
        latency_ms: int(seconds * 1000 + logNormal(random, 40, 0.3)),
      };
    },
  },
];

/**
 * The nightly re-embedding run, on the same pool as classify: from just after midnight UTC, one
 * bge-m3 job per customer with a document index, back to back on the pool's one H100. Those are
 * the four largest customers on the standard plan (ranks 5-8): the flat-fee enterprise five
 * (ranks 0-4, seed-project.ts) keep the margins planned for them, and the spike's customer (rank
 * 14) stays among the ten most expensive customers the anomaly detector watches. A job's GPU time
 * follows its customer's size and the business's growth; a run takes 12-15 hours on a weekday
 * and about 5 on a weekend day, so the reserved pool is about half busy, as one sized for its
 * batch work is. Independent of eventsPerDay: one GPU holds 86,400 GPU-seconds a day.
 */
const REINDEX = {
  feature: "reindex",
  name: "Nightly re-embedding (self-hosted)",
  model: "bge-m3",
  customerRanks: [5, 6, 7, 8],
  /** A run's GPU time on an average weekday, before growth. */
  runSeconds: 36_000,
  /**
   * By weekday, Sunday first: Monday's run catches up on the weekend's uploads, weekend runs are
   * small. A weekly pattern rather than random noise, so the run stays inside the anomaly
   * detector's expectations and the planted anomalies stand out as they did.
   */
  byWeekday: [0.4, 1.15, 1.05, 1, 1.05, 0.95, 0.45],
  startMs: 15 * 60_000,
  /** A run stops at the first job that would not finish by 20:00 UTC, so no day holds more GPU time than the pool has. */
  endMs: 20 * 3_600_000,
  /** What a job's cost buys, so cost per outcome means cost per document for this feature. */
  outcome: "documents_indexed",
  /** Long documents, each embedded in many chunks. */
  documentsPerSecond: 6,
};

interface ReindexJob {
  customer: { id: string; name: string; weight: number };
  /** From the start of its day. */
  startMs: number;
  seconds: number;
  documents: number;
}

const UNPRICED = { provider: "openai", model: "ft:gpt-4o-mini:demo-co:triage-v2" };
/**
 * The runaway agent: `steps` extra gpt-5 steps for one customer on one day, in runs of
 * `stepsPerRun` whose cached context grows by `contextGrowth` tokens a step.
 */
const SPIKE = {
  dayOffset: -9,
  customerRank: 14,
  feature: "agent",
  steps: 300,
  stepsPerRun: 60,
  context: 30_000,
  contextGrowth: 1500,
};
const PROMPT_GROWTH_DAYS_AGO = 30;
const MODEL_SWITCH_DAYS_AGO = 20;

/** The offset of the Monday on or before `offset` days from `now`'s day. */
function mondayOnOrBefore(now: number, offset: number): number {
  const weekday = new Date(Math.floor(now / DAY_MS) * DAY_MS + offset * DAY_MS).getUTCDay();
  return offset - ((weekday + 6) % 7);
}

function planFor(now: number): Plan {
  return {
    spike: SPIKE.dayOffset,
    promptGrowth: mondayOnOrBefore(now, -PROMPT_GROWTH_DAYS_AGO),
    modelSwitch: mondayOnOrBefore(now, -MODEL_SWITCH_DAYS_AGO),
  };
}

interface PlantedAnomalies {
  spike: { day: string; customer: string; feature: string };
  promptGrowth: { day: string; feature: string };
  modelSwitch: { day: string; feature: string; from: string; to: string };
}

/** The days (UTC, YYYY-MM-DD) and subjects of the planted anomalies for a demo generated at `now`. */
export function demoPlantedAnomalies(now: number, seed = 1, customers = 200): PlantedAnomalies {
  const plan = planFor(now);
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const day = (offset: number) => new Date(today + offset * DAY_MS).toISOString().slice(0, 10);
  return {
    spike: {
      day: day(plan.spike),
      customer: demoCustomers(customers, seed)[SPIKE.customerRank]!.id,
      feature: SPIKE.feature,
    },
    promptGrowth: { day: day(plan.promptGrowth), feature: "summarize" },
    modelSwitch: {
      day: day(plan.modelSwitch),
      feature: "code-review",
      from: "claude-opus-4-1",
      to: "claude-sonnet-4-5",
    },
  };
}

const SYLLABLES = [
  "nor",
  "vel",
  "tri",
  "ax",
  "qua",
  "lum",
  "ber",
  "zen",
  "kor",
  "sol",
  "mira",
  "dex",
  "pol",
  "ra",
  "ven",
  "tal",
  "cor",
  "io",
  "fin",
  "gra",
];
const SUFFIXES = ["labs", "health", "logistics", "bank", "retail", "media", "cloud", "legal", "energy", "travel"];

export function demoCustomers(count: number, seed = 1): { id: string; name: string; weight: number }[] {
  const random = mulberry32(seed * 7919);
  const seen = new Set<string>();
  const out: { id: string; name: string; weight: number }[] = [];
  while (out.length < count) {
    const base =
      SYLLABLES[Math.floor(random() * SYLLABLES.length)]! + SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
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
  const customers = demoCustomers(options.customers ?? 200, options.seed ?? 1);
  let total = 0;
  for (let offset = -(options.days - 1); offset <= 0; offset++) {
    total += dayVolume(options, offset) + spikeSteps(options, offset) + reindexJobs(options, offset, customers).length;
  }
  return total;
}

function dayVolume(options: DemoOptions, offset: number): number {
  const date = new Date(options.now + offset * DAY_MS);
  const weekday = date.getUTCDay();
  const seasonal = weekday === 0 || weekday === 6 ? 0.45 : 1.1;
  const fraction = offset === 0 ? (options.now % DAY_MS) / DAY_MS : 1;
  return Math.round(options.eventsPerDay * seasonal * trend(options, offset) * fraction);
}

/** Slow growth: +0.4% a day over the window. */
function trend(options: DemoOptions, offset: number): number {
  return 1 + 0.004 * (offset + options.days);
}

/** Extra usage events of the runaway agent on `offset` (a day of the window only). */
function spikeSteps(options: DemoOptions, offset: number): number {
  return offset === SPIKE.dayOffset && offset > -options.days ? SPIKE.steps : 0;
}

/**
 * The re-embedding jobs of the night of `offset` that have finished by `now` (a minute ago), in
 * run order. Drawn from their own stream, so the day's other events are the same with or without them.
 */
function reindexJobs(options: DemoOptions, offset: number, customers: readonly ReindexJob["customer"][]): ReindexJob[] {
  const dayStart = (Math.floor(options.now / DAY_MS) + offset) * DAY_MS;
  const random = mulberry32((options.seed ?? 1) * 3_000_017 + dayStart / DAY_MS);
  const roster = REINDEX.customerRanks.filter((rank) => rank < customers.length).map((rank) => customers[rank]!);
  const rosterWeight = roster.reduce((sum, customer) => sum + customer.weight, 0);
  const weekday = new Date(dayStart).getUTCDay();
  const runSeconds = REINDEX.runSeconds * REINDEX.byWeekday[weekday]! * trend(options, offset);
  const deadline = Math.min(REINDEX.endMs, options.now - 60_000 - dayStart);
  const jobs: ReindexJob[] = [];
  let clock = REINDEX.startMs;
  for (const customer of roster) {
    const seconds = Math.round(runSeconds * (customer.weight / rosterWeight));
    // The queue picks up the next job a minute or two after the last one.
    const start = clock + int(logNormal(random, 90_000, 0.5));
    if (start + seconds * 1000 > deadline) break;
    jobs.push({
      customer,
      startMs: start,
      seconds,
      documents: int(seconds * REINDEX.documentsPerSecond * logNormal(random, 1, 0.1)),
    });
    clock = start + seconds * 1000;
  }
  return jobs;
}

/** A job's usage event, and its outcome: the documents it made searchable (what its cost buys). */
function reindexEvents(job: ReindexJob, dayStart: number, day: string, index: number): DemoEvent[] {
  const customer = { customer: job.customer.id, feature: REINDEX.feature };
  return [
    {
      type: "usage",
      event_id: `demo-${day}-reindex-${index}`,
      occurred_at: new Date(dayStart + job.startMs).toISOString(),
      ...customer,
      customer_name: job.customer.name,
      feature_name: REINDEX.name,
      provider: "self-hosted",
      model: REINDEX.model,
      gpu: { seconds: job.seconds, type: "H100", pool: "eu-1" },
      cost_usd: h100Cost(job.seconds),
      // No tokens or latency: a batch job's billions of tokens and hours would drown the request figures.
      metadata: { documents: String(job.documents) },
      trace_id: `tr-${day}-reindex`,
    },
    {
      type: "outcome",
      event_id: `demo-${day}-reindex-${index}-outcome`,
      occurred_at: new Date(dayStart + job.startMs + job.seconds * 1000).toISOString(),
      ...customer,
      outcome: REINDEX.outcome,
      quantity: job.documents,
    },
  ];
}

/** Usage and outcome events, one day at a time, in batches of at most `batchSize`. */
export function* generateDemoEvents(options: DemoOptions, batchSize = 1000): Generator<DemoEvent[]> {
  const seed = options.seed ?? 1;
  const customers = demoCustomers(options.customers ?? 200, seed);
  const pickCustomer = picker(customers);
  const pickFeature = picker(FEATURES);
  const today = Math.floor(options.now / DAY_MS) * DAY_MS;
  const plan = planFor(options.now);
  const spikeFeature = FEATURES.find((f) => f.key === SPIKE.feature)!;
  let batch: DemoEvent[] = [];

  for (let offset = -(options.days - 1); offset <= 0; offset++) {
    const random = mulberry32(seed * 1_000_003 + (Math.floor(today / DAY_MS) + offset));
    const dayStart = today + offset * DAY_MS;
    const horizon = offset === 0 ? options.now - dayStart - 60_000 : DAY_MS;
    const volume = dayVolume(options, offset);
    const spike = spikeSteps(options, offset);
    const day = new Date(dayStart).toISOString().slice(0, 10);

    for (let i = 0; i < volume + spike; i++) {
      const step = i - volume;
      const isSpike = step >= 0;
      const customer = isSpike ? customers[SPIKE.customerRank]! : pickCustomer(random);
      const feature = isSpike ? spikeFeature : pickFeature(random);
      const occurred = dayStart + Math.floor(businessHours(random) * horizon);
      const call = isSpike
        ? agentStep(random, SPIKE.context + (step % SPIKE.stepsPerRun) * SPIKE.contextGrowth, 4000)
        : feature.call({ random, dayOffset: offset, customer: customer.id, plan });
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
        trace_id: isSpike ? `tr-${day}-loop-${Math.floor(step / SPIKE.stepsPerRun)}` : `tr-${day}-${Math.floor(i / 3)}`,
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
    for (const [index, job] of reindexJobs(options, offset, customers).entries()) {
      batch.push(...reindexEvents(job, dayStart, day, index));
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
