/**
 * Prices one usage event, as ingestion stores it and re-pricing checks it, and records where
 * each cost came from.
 *
 * Precedence of the cost source:
 * 1. `computed`: we can price the event (tokens with a price entry in force at occurred_at;
 *    GPU events need a GPU rate). A client-reported `cost_usd` is then kept in the
 *    provenance (`reported_usd`) for comparison, never summed.
 * 2. `reported`: we cannot price it but the client sent `cost_usd`: that amount is the cost.
 * 3. `unpriced`: neither; the cost is 0 and flagged, counted in usage_daily.unpriced_events,
 *    and priced later by re-pricing once a price exists. Never a silent $0.
 *
 * GPU events (`gpu` with a type, a pool or seconds) are priced by GPU time alone: seconds x the
 * project's rate for the GPU type in force at occurred_at (lib/pricing/db/gpu-price.ts; the
 * idle share of reserved pools is allocated apart by the pricing jobs). A GPU type without a
 * rate is `reported` when the event carries cost_usd, else `unpriced` (reason no_gpu_rate).
 *
 * The project's price book (catalog + overrides + aliases) and GPU rates come from
 * db/book.ts's getProjectPricing, cached per project (model resolution is cached inside the book).
 */
import { femtoToUsd, type Femto } from "@/lib/money";
import type { PriceBook } from "./book";
import { priceUsage } from "./cost";
import type { ProjectPricing } from "./db/book";
import { priceGpuEvent } from "./db/gpu-price";
import { provenanceJson } from "./provenance";
import type { ServiceTier } from "./types";
import type { CanonicalTokens } from "@/lib/token-classes";
import type { UnitUsage } from "./units";

/** What pricing reads of a usage event (ingestion's validated row, re-pricing's stored one). */
export interface EventToPrice {
  provider: string;
  model: string;
  serviceTier: ServiceTier;
  tokens: CanonicalTokens;
  units: UnitUsage | null;
  occurredMs: number;
  /** GPU time in whole microseconds, or 0. */
  gpuMicros: number;
  hasGpu: boolean;
  gpuType: string | null;
  gpuPool: string | null;
  /** The client's own cost, when it sent one. */
  reportedCost: Femto | null;
  /** The client could not read the call's usage: unpriced, never $0. */
  usageUnknown: boolean;
}

export interface PricedUsage {
  costToken: Femto;
  costGpu: Femto;
  costTotal: Femto;
  source: "computed" | "reported" | "unpriced";
  priceEntryId: string | null;
  /** JSON text of the per-class provenance. */
  pricing: string;
}

/** Prices one usage event as ingestion stores it; re-pricing must give the same answer. */
export function priceUsageEvent(row: EventToPrice, pricing: ProjectPricing): PricedUsage {
  if (row.hasGpu) {
    const gpu = priceGpuEvent(pricing.gpuRates, {
      gpuType: row.gpuType,
      gpuPool: row.gpuPool,
      gpuMicros: BigInt(row.gpuMicros),
      occurredMs: row.occurredMs,
    });
    if (gpu) {
      const provenance =
        row.reportedCost === null ? gpu.pricing : { ...gpu.pricing, reported_usd: femtoToUsd(row.reportedCost) };
      return {
        costToken: 0n,
        costGpu: gpu.costGpu,
        costTotal: gpu.costGpu,
        source: "computed",
        priceEntryId: gpu.priceEntryId,
        pricing: JSON.stringify(provenance),
      };
    }
  }
  return priceUsageRow(row, pricing.book);
}

/** Token pricing against a book (GPU events without a rate fall back to reported/unpriced). */
export function priceUsageRow(row: EventToPrice, book: PriceBook): PricedUsage {
  if (row.hasGpu) return priceGpuRow(row);
  if (row.usageUnknown)
    return notComputed(row, {
      reason: "usage_unknown",
      detail: "the client could not read this call's usage (metadata.usage_status: unknown)",
    });
  const result = priceUsage(
    {
      provider: row.provider,
      model: row.model,
      serviceTier: row.serviceTier,
      tokens: row.tokens,
      ...(row.units ? { units: row.units } : {}),
      occurredAt: new Date(row.occurredMs),
    },
    book,
  );
  if (result.source === "computed") {
    return {
      costToken: result.total,
      costGpu: 0n,
      costTotal: result.total,
      source: "computed",
      priceEntryId: result.entryId,
      pricing:
        row.reportedCost === null
          ? provenanceJson(result, row.serviceTier)
          : withReported(provenanceJson(result, row.serviceTier), row.reportedCost),
    };
  }
  const unpriced = { reason: result.reason, detail: result.detail, suggestions: result.suggestions };
  return notComputed(row, unpriced);
}

function priceGpuRow(row: EventToPrice): PricedUsage {
  const gpu = {
    seconds: femtoToUsd(BigInt(row.gpuMicros) * 1_000_000_000n).replace(/\.?0+$/, ""),
    type: row.gpuType,
    pool: row.gpuPool,
  };
  return notComputed(row, { reason: "no_gpu_rate", detail: `no GPU rate for ${row.gpuType ?? "(no GPU type)"}`, gpu });
}

function notComputed(row: EventToPrice, detail: Record<string, unknown>): PricedUsage {
  const reported: Femto | null = row.reportedCost;
  if (reported === null) {
    return {
      costToken: 0n,
      costGpu: 0n,
      costTotal: 0n,
      source: "unpriced",
      priceEntryId: null,
      pricing: JSON.stringify(detail),
    };
  }
  const onGpu = row.hasGpu;
  return {
    costToken: onGpu ? 0n : reported,
    costGpu: onGpu ? reported : 0n,
    costTotal: reported,
    source: "reported",
    priceEntryId: null,
    pricing: JSON.stringify({ ...detail, reported_usd: femtoToUsd(reported) }),
  };
}

/** The client's own figure, kept next to ours for comparison (never summed). */
function withReported(provenance: string, reported: Femto): string {
  return `${provenance.slice(0, -1)},"reported_usd":"${femtoToUsd(reported)}"}`;
}
