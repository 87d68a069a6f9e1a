/**
 * The read API's contract: one zod schema (and its inferred type) per request and response of
 * `GET /api/v1/{summary,costs,timeseries,compare,usage-events}`. The dashboard and any API
 * client depend on these shapes; the route handlers validate queries with them.
 *
 * Conventions:
 * - Money is a decimal string of US dollars, exact (summed in PostgreSQL `numeric`), with the
 *   trailing zeros beyond cents trimmed: "12.50", "0.000000125". Never a float.
 * - Counts (requests, tokens) are JSON numbers. Rates and shares are fractions (0.25 = 25 %),
 *   `change_pct` is a percentage (25 = +25 %); both null when undefined (division by zero).
 * - Days are calendar days (YYYY-MM-DD) in the organisation's timezone, `to` inclusive.
 * - Every list filter (`feature`, `customer`, `model`, `provider`) may repeat
 *   (`?feature=a&feature=b`) or be a comma list (`?feature=a,b`); an empty string means the
 *   events sent without that attribute (`?customer=` selects events with no customer).
 * - `?format=csv` returns the same rows as CSV.
 */
import { z } from "zod";
import { checkPeriodSpan, daySchema } from "@/lib/calendar/days";
import { unitJsonSchema } from "@/lib/pricing/unit-json";

// ---------------------------------------------------------------- shared pieces

/** Period presets; what each one means and is compared with is defined in lib/analytics/period. */
export const RANGE_PRESETS = ["7d", "30d", "90d", "wtd", "last-week", "mtd", "last-month"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** What the previous period is, relative to the current one (lib/analytics/period). */
export const COMPARISONS = [
  "previous-days",
  "same-days-previous-month",
  "previous-month",
  "same-days-previous-week",
  "previous-week",
] as const;
export type Comparison = (typeof COMPARISONS)[number];

const MAX_FILTER_VALUES = 100;

const moneySchema = z.string().regex(/^-?\d+\.\d{2,15}$/, "a decimal amount of dollars");

/** Query values arrive as a string, or an array when the parameter repeats. */
const listParam = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => {
    const parts = (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(","));
    return [...new Set(parts.map((part) => part.trim()))];
  })
  .pipe(
    z
      .array(z.string().max(200, "values of at most 200 characters"))
      .max(MAX_FILTER_VALUES, `at most ${MAX_FILTER_VALUES} values`),
  );

/** A single-valued parameter: when repeated, the last value wins (like URLSearchParams.get's opposite). */
const single = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (Array.isArray(value) ? value[value.length - 1] : value), schema);

export const DIMENSIONS = ["feature", "customer", "model", "provider"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const filterSchema = z.object({
  feature: listParam.optional(),
  customer: listParam.optional(),
  model: listParam.optional(),
  provider: listParam.optional(),
});
export type Filters = z.infer<typeof filterSchema>;

/**
 * `range` (a preset, default 30d) or `from` + `to` (both inclusive days). `project` is the
 * project id a signed-in member must send (read keys carry their own project).
 */
const periodQuerySchema = z.object({
  range: single(z.enum(RANGE_PRESETS, { error: `one of ${RANGE_PRESETS.join(", ")}` })).optional(),
  from: single(daySchema).optional(),
  to: single(daySchema).optional(),
  format: single(z.enum(["json", "csv"], { error: "json or csv" })).default("json"),
  project: single(z.string()).optional(),
});

const readQueryBase = periodQuerySchema.extend(filterSchema.shape);

function checkPeriod(query: { from?: string; to?: string; range?: string }, ctx: z.RefinementCtx): void {
  if ((query.from === undefined) !== (query.to === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: [query.from === undefined ? "from" : "to"],
      message: "required with from/to (send both, or use range)",
    });
    return;
  }
  if (query.from && query.to) {
    if (query.range)
      ctx.addIssue({ code: "custom", path: ["range"], message: "send either range or from/to, not both" });
    const problem = checkPeriodSpan(query.from, query.to);
    if (problem) ctx.addIssue({ code: "custom", path: ["to"], message: problem });
  }
}

const readQuerySchema = readQueryBase.superRefine(checkPeriod);
export type ReadQuery = z.infer<typeof readQuerySchema>;

export const periodSchema = z.object({
  /** First day included. */
  from: daySchema,
  /** Last day included. */
  to: daySchema,
  days: z.number().int(),
  timezone: z.string(),
  /** Today, when the period holds it: a day still running, shown as partial. */
  partial_day: daySchema.nullable(),
});
export type Period = z.infer<typeof periodSchema>;

/** Token counts by class (the same non-overlapping classes as ingestion) and their total. */
export const tokensSchema = z.object({
  input: z.number(),
  cache_read: z.number(),
  cache_write_5m: z.number(),
  cache_write_1h: z.number(),
  output: z.number(),
  reasoning: z.number(),
  audio_input: z.number(),
  audio_output: z.number(),
  image_input: z.number(),
  image_output: z.number(),
  total: z.number(),
});
export type Tokens = z.infer<typeof tokensSchema>;

/**
 * Latency read from the rollups' fixed log-spaced histograms (8 buckets per decade, see
 * lib/ingest/latency-buckets): a percentile is the geometric middle of the bucket that holds
 * it, so it is within about 15 % of the true value. `mean_ms` is exact.
 */
export const latencySchema = z.object({
  count: z.number(),
  mean_ms: z.number().nullable(),
  p50_ms: z.number().nullable(),
  p95_ms: z.number().nullable(),
});
export type Latency = z.infer<typeof latencySchema>;

// ---------------------------------------------------------------- GET /api/v1/summary

export const summaryQuerySchema = readQuerySchema;
export type SummaryQuery = ReadQuery;

export const topItemSchema = z.object({
  key: z.string(),
  /** Set for models (a model name is only unique with its provider). */
  provider: z.string().nullable(),
  spend: moneySchema,
  requests: z.number(),
  /** Fraction of the period's spend. */
  share: z.number().nullable(),
});
export type TopItem = z.infer<typeof topItemSchema>;

export const summaryResponseSchema = z.object({
  period: periodSchema,
  previous_period: periodSchema,
  comparison: z.enum(COMPARISONS),
  /** Today so far (a running day): shown apart when the period is of complete days. */
  today: z.object({ day: daySchema, spend: moneySchema, requests: z.number(), partial: z.literal(true) }),
  spend: moneySchema,
  token_spend: moneySchema,
  gpu_spend: moneySchema,
  previous_spend: moneySchema,
  change_pct: z.number().nullable(),
  requests: z.number(),
  previous_requests: z.number(),
  error_events: z.number(),
  tokens: tokensSchema,
  unpriced: z.object({
    events: z.number(),
    /** The models that need a price, most events first. */
    models: z.array(z.object({ provider: z.string(), model: z.string(), events: z.number() })),
  }),
  /**
   * Spend plus the GPU pools' idle time and the fixed costs of the period (lib/pricing/fully-loaded.ts):
   * what the company paid. Null when the summary is filtered (idle and fixed costs belong to no one filter).
   */
  fully_loaded_spend: moneySchema.nullable(),
  gpu: z.object({
    spend: moneySchema,
    gpu_seconds: z.string(),
    /** Cost of the GPU pools' held capacity (busy + idle), from the GPU idle job; null without pools. */
    pool_cost: moneySchema.nullable(),
    idle_cost: moneySchema.nullable(),
    /** idle_cost / pool_cost: the share of the pools' paid GPU time no event used; null when unknown. */
    idle_share: z.number().nullable(),
    /** Why idle_share is null. */
    idle_reason: z.string().nullable(),
  }),
  top: z.object({
    features: z.array(topItemSchema),
    customers: z.array(topItemSchema),
    models: z.array(topItemSchema),
  }),
});
export type SummaryResponse = z.infer<typeof summaryResponseSchema>;

// ---------------------------------------------------------------- GET /api/v1/costs

export const GROUP_BYS = ["day", "feature", "customer", "model", "provider"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

const SORTS = ["spend", "requests", "tokens", "key", "change"] as const;

export const costsQuerySchema = readQueryBase
  .extend({
    group_by: single(z.enum(GROUP_BYS, { error: `one of ${GROUP_BYS.join(", ")}` })).default("feature"),
    /** Case-insensitive substring of the row key. */
    search: single(z.string().max(200)).optional(),
    sort: single(z.enum(SORTS, { error: `one of ${SORTS.join(", ")}` })).optional(),
    order: single(z.enum(["asc", "desc"], { error: "asc or desc" })).optional(),
    limit: single(
      z.coerce.number({ error: "a number" }).int("a whole number").min(1, "at least 1").max(10_000, "at most 10000"),
    ).optional(),
  })
  .superRefine(checkPeriod);
export type CostsQuery = z.infer<typeof costsQuerySchema>;

export const costRowSchema = z.object({
  /** The group's value: a day, feature, customer, model or provider ("" = not attributed). */
  key: z.string(),
  /** Set when grouping by model. */
  provider: z.string().nullable(),
  spend: moneySchema,
  token_spend: moneySchema,
  gpu_spend: moneySchema,
  requests: z.number(),
  error_events: z.number(),
  /** error_events / requests. */
  error_rate: z.number().nullable(),
  unpriced_events: z.number(),
  tokens: tokensSchema,
  /** spend / requests, exact to the femtodollar (half-even). */
  cost_per_request: moneySchema.nullable(),
  /** cache_read / (input + cache_read + cache writes): the share of prompt tokens served from cache. */
  cache_hit_rate: z.number().nullable(),
  gpu_seconds: z.string(),
  latency: latencySchema,
  /** The same group's spend in the previous period; null for day rows. */
  previous_spend: moneySchema.nullable(),
  change_pct: z.number().nullable(),
});
export type CostRow = z.infer<typeof costRowSchema>;

export const costsResponseSchema = z.object({
  period: periodSchema,
  previous_period: periodSchema,
  comparison: z.enum(COMPARISONS),
  group_by: z.enum(GROUP_BYS),
  rows: z.array(costRowSchema),
  /** Over every row (before search and limit), key "total". */
  totals: costRowSchema,
});
export type CostsResponse = z.infer<typeof costsResponseSchema>;

// ---------------------------------------------------------------- GET /api/v1/timeseries

export const STACK_BYS = ["feature", "model", "customer", "provider"] as const;
export type StackBy = (typeof STACK_BYS)[number];
export const OTHER_KEY = "__other__";

export const timeseriesQuerySchema = readQueryBase
  .extend({
    stack_by: single(z.enum(STACK_BYS, { error: `one of ${STACK_BYS.join(", ")}` })).default("feature"),
    top: single(
      z.coerce.number({ error: "a number" }).int("a whole number").min(1, "at least 1").max(50, "at most 50"),
    ).default(5),
  })
  .superRefine(checkPeriod);
export type TimeseriesQuery = z.infer<typeof timeseriesQuerySchema>;

export const seriesSchema = z.object({
  /** The stack key, or OTHER_KEY for everything outside the top N. */
  key: z.string(),
  provider: z.string().nullable(),
  is_other: z.boolean(),
  total_spend: moneySchema,
  /** Aligned with `days`; days without data are explicit zeros. */
  spend: z.array(moneySchema),
  requests: z.array(z.number()),
  tokens: z.array(z.number()),
});
export type Series = z.infer<typeof seriesSchema>;

export const timeseriesResponseSchema = z.object({
  period: periodSchema,
  stack_by: z.enum(STACK_BYS),
  /** Every day of the period, in order. */
  days: z.array(daySchema),
  /** The days that had at least one event (so a chart can tell gaps from real zeros). */
  active_days: z.array(daySchema),
  /** Top N by spend over the period, largest first, then "other" when anything is left. */
  series: z.array(seriesSchema),
  /** Per-day totals over all series. */
  total_spend: z.array(moneySchema),
  total_requests: z.array(z.number()),
});
export type TimeseriesResponse = z.infer<typeof timeseriesResponseSchema>;

// ---------------------------------------------------------------- GET /api/v1/compare

const COMPARE_DIMENSIONS = ["feature", "customer", "all"] as const;

export const compareQuerySchema = readQueryBase
  .extend({
    dimension: single(z.enum(COMPARE_DIMENSIONS, { error: `one of ${COMPARE_DIMENSIONS.join(", ")}` })).default("all"),
    /** The feature or customer to re-price (required unless dimension=all). */
    key: single(z.string().max(200)).optional(),
    target_model: single(z.string().min(1, "required").max(200)),
    /** The provider billing the target model; absent: the model's maker. */
    target_provider: single(z.string().min(1).max(200)).optional(),
    /** Which price of the target applies: the one in force on each day, or today's. */
    price_date: single(z.enum(["each_day", "current"], { error: "each_day or current" })).default("each_day"),
  })
  .superRefine(checkPeriod)
  .superRefine((query, ctx) => {
    if (query.dimension !== "all" && query.key === undefined) {
      ctx.addIssue({ code: "custom", path: ["key"], message: `required when dimension is ${query.dimension}` });
    }
  });
export type CompareQuery = z.infer<typeof compareQuerySchema>;

const compareSourceSchema = z.object({
  provider: z.string(),
  model: z.string(),
  requests: z.number(),
  tokens: tokensSchema,
  actual: moneySchema,
  counterfactual: moneySchema,
});

export const compareResponseSchema = z.object({
  period: periodSchema,
  dimension: z.enum(COMPARE_DIMENSIONS),
  key: z.string().nullable(),
  target: z.object({
    provider: z.string(),
    model: z.string(),
    /** The price entries used (one per price change in the period). */
    price_entry_ids: z.array(z.string()),
    price_date: z.enum(["each_day", "current"]),
  }),
  requests: z.number(),
  actual: moneySchema,
  counterfactual: moneySchema,
  /** actual - counterfactual: positive when the target would have been cheaper. */
  saving: moneySchema,
  /** saving / actual. */
  saving_share: z.number().nullable(),
  by_source: z.array(compareSourceSchema),
  by_day: z.array(z.object({ day: daySchema, actual: moneySchema, counterfactual: moneySchema })),
  /** Usage left out of both sides (unpriced: no actual cost to compare with). */
  excluded: z.object({ requests: z.number(), reason: z.string().nullable() }),
  /** What the counterfactual assumes, in words (same token counts, band by average request...). */
  assumptions: z.array(z.string()),
});
export type CompareResponse = z.infer<typeof compareResponseSchema>;

// ---------------------------------------------------------------- GET /api/v1/usage-events

const MAX_EVENTS_PAGE = 200;

/** The CSV export streams the whole filtered period in keyset pages of this many events. */
export const EXPORT_PAGE = 2_000;

const containsParam = single(
  z.string().trim().min(1, "at least one character").max(200, "at most 200 characters"),
).optional();

/**
 * The events explorer: a period (`range` or `from`/`to`; neither: every event, the live tail),
 * exact filters, contains-searches (`customer_contains=rakor` finds "rakor-labs"), newest first by
 * occurred_at. `format=csv` streams every event of the filtered period (limit and cursor ignored).
 */
export const usageEventsQuerySchema = filterSchema
  .extend({
    range: single(z.enum(RANGE_PRESETS, { error: `one of ${RANGE_PRESETS.join(", ")}` })).optional(),
    from: single(daySchema).optional(),
    to: single(daySchema).optional(),
    customer_contains: containsParam,
    feature_contains: containsParam,
    model_contains: containsParam,
    status: single(z.enum(["ok", "error"], { error: "ok or error" })).optional(),
    unpriced: single(
      z.enum(["true", "false"], { error: "true or false" }).transform((value) => value === "true"),
    ).optional(),
    limit: single(
      z.coerce
        .number({ error: "a number" })
        .int("a whole number")
        .min(1, "at least 1")
        .max(MAX_EVENTS_PAGE, `at most ${MAX_EVENTS_PAGE}`),
    ).default(50),
    /** Opaque: the `next_cursor` of the previous page. */
    cursor: single(z.string().max(500)).optional(),
    format: single(z.enum(["json", "csv"], { error: "json or csv" })).default("json"),
    project: single(z.string()).optional(),
  })
  .superRefine(checkPeriod);
export type UsageEventsQuery = z.infer<typeof usageEventsQuerySchema>;

export const usageEventSchema = z.object({
  event_id: z.string(),
  occurred_at: z.string(),
  received_at: z.string(),
  customer: z.string(),
  feature: z.string(),
  provider: z.string(),
  model: z.string(),
  service_tier: z.string(),
  status: z.enum(["ok", "error"]),
  error_type: z.string().nullable(),
  latency_ms: z.number().nullable(),
  tokens: tokensSchema,
  /** Seconds, characters or images of a call billed by those units (lib/pricing/units.ts). */
  units: unitJsonSchema.nullable(),
  gpu: z.object({ seconds: z.string(), type: z.string().nullable(), pool: z.string().nullable() }).nullable(),
  cost: z.object({
    /** null when `source` is unpriced: the cost is unknown, never $0. */
    token: moneySchema.nullable(),
    gpu: moneySchema.nullable(),
    total: moneySchema.nullable(),
    /** computed (from the price book), reported (by the client) or unpriced. */
    source: z.enum(["computed", "reported", "unpriced"]),
    price_entry_id: z.string().nullable(),
  }),
  /** Per-class provenance as stored by ingestion (entry, tier, band, unit price, rules). */
  pricing: z.unknown(),
  trace_id: z.string().nullable(),
  session_id: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
});
export type UsageEventView = z.infer<typeof usageEventSchema>;

export const usageEventsResponseSchema = z.object({
  /** The period listed, when one was asked for. */
  period: periodSchema.nullable(),
  events: z.array(usageEventSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor: z.string().nullable(),
});
export type UsageEventsResponse = z.infer<typeof usageEventsResponseSchema>;
