/**
 * What `/api/v1/prices/*` answers, as zod schemas the settings page parses every response with
 * (lib/query/hooks/prices.ts). Client-safe: zod and the pricing constants only, no database.
 * Prices are exact decimal strings of dollars (per million tokens, per GPU-hour); instants are
 * ISO strings, days `YYYY-MM-DD`. The server's own types (lib/pricing/db) hold `Date`s where
 * these hold strings; test/query/answer-contracts.test.ts parses real answers with them.
 */
import { z } from "zod";
import { SERVICE_TIERS, TOKEN_CLASSES } from "./types";

const usdPerMtokSchema = z.partialRecord(z.enum(TOKEN_CLASSES), z.string());
const tierBandsSchema = z.partialRecord(
  z.enum(SERVICE_TIERS),
  z.array(z.object({ above: z.number(), usd_per_mtok: usdPerMtokSchema })),
);

/** A compiled price entry: the catalog's or a project override's, prices per million tokens (or per unit). */
export const entrySchema = z.object({
  id: z.string(),
  scope: z.enum(["catalog", "project"]),
  provider: z.string(),
  model: z.string(),
  effective_from: z.string(),
  effective_to: z.string().nullable(),
  markup_pct: z.string().nullable(),
  tiers: tierBandsSchema,
  usd_per_unit: z.record(z.string(), z.string()).optional(),
});
export type PriceEntry = z.infer<typeof entrySchema>;

/** GET /prices/catalog */
export const catalogPageSchema = z.object({
  version: z.string(),
  total: z.number(),
  page: z.number(),
  limit: z.number(),
  items: z.array(entrySchema),
});

/** GET /prices/history */
export const historySchema = z.object({ provider: z.string(), model: z.string(), entries: z.array(entrySchema) });

export const overrideSchema = z.object({
  id: z.string(),
  entry_id: z.string(),
  provider: z.string(),
  model: z.string(),
  effective_from: z.string(),
  effective_to: z.string().nullable(),
  usd_per_mtok: usdPerMtokSchema,
  tier_bands: tierBandsSchema,
  markup_pct: z.string().nullable(),
  note: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Override = z.infer<typeof overrideSchema>;

export const aliasSchema = z.object({
  id: z.string(),
  alias: z.string(),
  provider: z.string().nullable(),
  target_provider: z.string().nullable(),
  target_model: z.string(),
  created_at: z.string(),
});
export type Alias = z.infer<typeof aliasSchema>;

export const gpuRateSchema = z.object({
  id: z.string(),
  gpu_type: z.string(),
  effective_from: z.string(),
  usd_per_gpu_hour: z.string(),
  note: z.string().nullable(),
});
export type GpuRate = z.infer<typeof gpuRateSchema>;

export const gpuPoolSchema = z.object({
  id: z.string(),
  name: z.string(),
  gpu_type: z.string(),
  gpu_count: z.number(),
  effective_from: z.string(),
  effective_to: z.string().nullable(),
});
export type GpuPool = z.infer<typeof gpuPoolSchema>;

/** A model with unpriced events, and whether the current book would now price it. */
export const unpricedModelSchema = z.object({
  provider: z.string(),
  model: z.string(),
  unpriced_events: z.number(),
  first_day: z.string(),
  last_day: z.string(),
  priced_now: z.boolean(),
  suggestions: z.array(z.string()),
});
export type UnpricedModel = z.infer<typeof unpricedModelSchema>;

const repriceTotals = {
  events_matched: z.number(),
  events_changed: z.number(),
  unpriced_before: z.number(),
  unpriced_after: z.number(),
  total_before: z.string(),
  total_after: z.string(),
};

/** POST /prices/reprice/preview: what a re-price would change (`difference` = after - before, exact). */
export const repricePreviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  model: z.string().nullable(),
  ...repriceTotals,
  difference: z.string(),
  old_entries: z.record(z.string(), z.number()),
  new_entries: z.record(z.string(), z.number()),
  by_model: z.array(
    z.object({
      provider: z.string(),
      model: z.string(),
      events: z.number(),
      changed: z.number(),
      unpriced_before: z.number(),
      unpriced_after: z.number(),
      total_before: z.string(),
      total_after: z.string(),
      difference: z.string(),
    }),
  ),
});
export type RepricePreview = z.infer<typeof repricePreviewSchema>;

/** POST /prices/reprice: the preview's figures, as applied, with the run's id. */
export const repriceRunSchema = repricePreviewSchema.extend({ run_id: z.string(), dedupe_key: z.string() });
export type RepriceRun = z.infer<typeof repriceRunSchema>;

/** One audited run, as GET /prices/reprice lists it. */
export const repriceRunRecordSchema = z.object({
  id: z.string(),
  status: z.string(),
  requested_by: z.string().nullable(),
  requested_via: z.string(),
  period_from: z.string(),
  period_to: z.string(),
  model: z.string().nullable(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  ...repriceTotals,
  error: z.string().nullable(),
});
export type RepriceRunRecord = z.infer<typeof repriceRunRecordSchema>;

/** GET /prices/gpu-idle: pools' whole, busy and idle cost of a period; `idle_share` 0..1 as a decimal string. */
export const gpuIdleSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  whole_usd: z.string(),
  busy_usd: z.string(),
  idle_usd: z.string(),
  idle_share: z.string().nullable(),
  pools: z.array(
    z.object({
      pool: z.string(),
      gpu_type: z.string(),
      days: z.number(),
      held_gpu_hours: z.string(),
      busy_gpu_hours: z.string(),
      whole_usd: z.string(),
      busy_usd: z.string(),
      idle_usd: z.string(),
      idle_share: z.string().nullable(),
    }),
  ),
});
export type GpuIdleSummary = z.infer<typeof gpuIdleSummarySchema>;

/** What a GPU idle recomputation did: pool-days stored, and those left out with the reason. */
export const gpuIdleReportSchema = z.object({
  days: z.number(),
  pool_days: z.number(),
  skipped: z.array(z.object({ day: z.string(), pool: z.string(), reason: z.string() })),
});
