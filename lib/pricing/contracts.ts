/**
 * What `/api/v1/prices/*` answers, as zod schemas: the routes declare them as their response
 * contracts (checked in tests, shown in /docs/api) and the settings page parses every answer with
 * the same ones (lib/query/hooks/prices.ts), so the two cannot drift. Client-safe: zod, the wire
 * primitives and the pricing constants only, no database. The server's own types (lib/pricing/db)
 * hold `Date`s where these hold ISO strings.
 */
import { z } from "zod";
import { wireDay, wireDecimal, wireId, wireTimestamp } from "@/lib/api/wire";
import { ALLOCATION_RULES } from "./fully-loaded";
import { SERVICE_TIERS } from "./types";
import { TOKEN_CLASSES } from "@/lib/token-classes";

const usdPerMtok = z
  .partialRecord(z.enum(TOKEN_CLASSES), wireDecimal)
  .describe("Dollars per million tokens, by token class");
const tierBands = z
  .partialRecord(z.enum(SERVICE_TIERS), z.array(z.object({ above: z.number(), usd_per_mtok: usdPerMtok })))
  .describe("Per service tier, the price bands from `above` tokens of context");

export const priceEntrySchema = z.object({
  id: z.string().describe("The entry's id, e.g. openai:gpt-4o:2024-08-06 or override:<uuid>"),
  scope: z.enum(["catalog", "project"]),
  provider: z.string(),
  model: z.string(),
  effective_from: wireTimestamp,
  effective_to: wireTimestamp.nullable(),
  markup_pct: wireDecimal.nullable(),
  tiers: tierBands,
  usd_per_unit: z
    .record(z.string(), wireDecimal)
    .optional()
    .describe("Exact dollars per second, character or image (image:<size>:<quality>)"),
});
/** A compiled price entry: the catalog's or a project override's. */
export type PriceEntry = z.infer<typeof priceEntrySchema>;

const override = z.object({
  id: wireId,
  entry_id: z.string().describe("The price entry id events priced by it carry"),
  provider: z.string(),
  model: z.string(),
  effective_from: wireTimestamp,
  effective_to: wireTimestamp.nullable(),
  usd_per_mtok: usdPerMtok,
  tier_bands: tierBands,
  markup_pct: wireDecimal.nullable(),
  note: z.string().nullable(),
  created_at: wireTimestamp,
  updated_at: wireTimestamp,
});
export type Override = z.infer<typeof override>;
export const overrideListResponse = z.object({ overrides: z.array(override) });
export const overrideResponse = z.object({ override });

const alias = z.object({
  id: wireId,
  alias: z.string().describe("The name events send, e.g. an Azure deployment name"),
  provider: z.string().nullable(),
  target_provider: z.string().nullable(),
  target_model: z.string(),
  created_at: wireTimestamp,
});
export const aliasListResponse = z.object({ aliases: z.array(alias) });
export const aliasResponse = z.object({ alias });

const gpuRate = z.object({
  id: wireId,
  gpu_type: z.string(),
  effective_from: wireTimestamp,
  usd_per_gpu_hour: wireDecimal,
  note: z.string().nullable(),
});
export const gpuRateListResponse = z.object({ rates: z.array(gpuRate) });
export const gpuRateResponse = z.object({ rate: gpuRate });

const gpuPool = z.object({
  id: wireId,
  name: z.string(),
  gpu_type: z.string(),
  gpu_count: z.number().int(),
  effective_from: wireTimestamp,
  effective_to: wireTimestamp.nullable(),
});
export const gpuPoolListResponse = z.object({ pools: z.array(gpuPool) });
export const gpuPoolResponse = z.object({ pool: gpuPool });

const poolRule = z.object({
  pool: z.string(),
  idle_rule: z.enum(ALLOCATION_RULES).describe("How the pool's idle cost is shared out"),
});
export const poolRuleListResponse = z.object({ rules: z.array(poolRule) });
export const poolRuleResponse = z.object({ rule: poolRule });

export const catalogResponse = z.object({
  version: z.string().describe("The bundled catalog's version"),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  items: z.array(priceEntrySchema).describe("Entries in force now, project overrides first"),
});

export const historyResponse = z.object({
  provider: z.string(),
  model: z.string(),
  entries: z.array(priceEntrySchema).describe("Every effective-dated entry, catalog and overrides, oldest first"),
});

export const resolveResponse = z.discriminatedUnion("priced", [
  z.object({
    priced: z.literal(true),
    provider: z.string(),
    model: z.string(),
    at: wireTimestamp,
    match: z.array(z.enum(["project_alias", "exact", "provider_prefix", "dated_snapshot", "langfuse_alias"])),
    date_rule: z.enum(["override_in_force", "in_force", "before_first_entry"]),
    entry: priceEntrySchema,
    explanation: z.string().optional(),
  }),
  z.object({
    priced: z.literal(false),
    at: wireTimestamp,
    reason: z.string(),
    message: z.string(),
    suggestions: z.array(z.string()).describe("Near model names"),
  }),
]);

/** A model with unpriced events, and whether the current book would now price it. */
const unpricedModel = z.object({
  provider: z.string(),
  model: z.string(),
  unpriced_events: z.number().int(),
  first_day: wireDay,
  last_day: wireDay,
  priced_now: z.boolean().describe("True when the current book would price it: a re-price is all that is left"),
  suggestions: z.array(z.string()),
});
export type UnpricedModel = z.infer<typeof unpricedModel>;
export const unpricedResponse = z.object({ models: z.array(unpricedModel) });

const repriceTotals = {
  unpriced_before: z.number().int(),
  unpriced_after: z.number().int(),
  total_before: wireDecimal,
  total_after: wireDecimal,
};

const repricePreview = z.object({
  from: wireDay,
  to: wireDay,
  model: z.string().nullable(),
  events_matched: z.number().int(),
  events_changed: z.number().int(),
  ...repriceTotals,
  difference: wireDecimal,
  old_entries: z.record(z.string(), z.number().int()).describe("Entry id -> changed events priced by it before"),
  new_entries: z.record(z.string(), z.number().int()).describe("Entry id -> changed events priced by it after"),
  by_model: z.array(
    z.object({
      provider: z.string(),
      model: z.string(),
      events: z.number().int(),
      changed: z.number().int(),
      ...repriceTotals,
      difference: wireDecimal,
    }),
  ),
});
export const repricePreviewResponse = z.object({ preview: repricePreview });

export const repriceRunsResponse = z.object({
  runs: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      requested_by: z.string().nullable().describe("The email of who asked; null for an API key"),
      requested_via: z.string(),
      period_from: wireDay,
      period_to: wireDay,
      model: z.string().nullable(),
      started_at: wireTimestamp,
      finished_at: wireTimestamp.nullable(),
      events_matched: z.number().int(),
      events_changed: z.number().int(),
      ...repriceTotals,
      error: z.string().nullable(),
    }),
  ),
});

const gpuIdleReport = z.object({
  days: z.number().int(),
  pool_days: z.number().int(),
  skipped: z
    .array(z.object({ day: wireDay, pool: z.string(), reason: z.string() }))
    .describe("Pool-days left out, with the reason"),
});

export const repriceRunResponse = z.object({
  run: repricePreview.extend({ run_id: z.string(), dedupe_key: z.string() }),
  gpu_idle: gpuIdleReport.nullable().describe("The GPU idle recomputation that followed, when the project has pools"),
});

const idleCost = {
  whole_usd: wireDecimal,
  busy_usd: wireDecimal,
  idle_usd: wireDecimal,
  idle_share: wireDecimal.nullable().describe("idle / whole, 0..1 (6 places); null when it cost nothing"),
};

export const gpuIdleSummaryResponse = z.object({
  from: wireDay,
  to: wireDay,
  ...idleCost,
  pools: z.array(
    z.object({
      pool: z.string(),
      gpu_type: z.string(),
      days: z.number().int(),
      held_gpu_hours: wireDecimal,
      busy_gpu_hours: wireDecimal,
      ...idleCost,
    }),
  ),
});

export const gpuIdleComputeResponse = z.object({ report: gpuIdleReport, summary: gpuIdleSummaryResponse });
