/**
 * Prices usage rows at ingest with lib/pricing, and records where each cost came from.
 *
 * Precedence of the cost source:
 * 1. `computed`: we can price the event (tokens with a price entry in force at occurred_at;
 *    GPU events need a GPU rate). A client-reported `cost_usd` is then kept in the
 *    provenance (`reported_usd`) for comparison, never summed.
 * 2. `reported`: we cannot price it but the client sent `cost_usd`: that amount is the cost.
 * 3. `unpriced`: neither; the cost is 0 and flagged, counted in usage_daily.unpriced_events,
 *    and priced later by re-pricing once a price exists. Never a silent $0.
 *
 * GPU events (`gpu` present) are priced by GPU time alone. No GPU rate table exists yet
 * (lib/pricing has no rates for GPU types and the project tables for GPU rates and pools are
 * the pricing-DB work), so a GPU event is `reported` when it carries cost_usd, else `unpriced`
 * with reason `no_gpu_rate`, and cost_gpu is 0.
 */
import { femtoToUsd, type Femto } from "@/lib/money";
import { createPriceBook, type PriceBook } from "@/lib/pricing/book";
import { priceUsage } from "@/lib/pricing/cost";
import { provenanceJson } from "./provenance";
import type { PricedUsage, UsageRow } from "./types";

let catalogBook: PriceBook | undefined;

/**
 * The price book for a project. Project overrides and aliases are not stored yet, so every
 * project prices with the catalog; the book is built once per process (model resolution is
 * cached inside it).
 */
export function priceBookFor(projectId: string): PriceBook {
  void projectId;
  catalogBook ??= createPriceBook();
  return catalogBook;
}

export function priceUsageRow(row: UsageRow, book: PriceBook): PricedUsage {
  if (row.hasGpu) return priceGpuRow(row);
  const result = priceUsage(
    { provider: row.provider, model: row.model, serviceTier: row.serviceTier, tokens: row.tokens, occurredAt: new Date(row.occurredMs) },
    book,
  );
  if (result.source === "computed") {
    return {
      costToken: result.total,
      costGpu: 0n,
      costTotal: result.total,
      source: "computed",
      priceEntryId: result.entryId,
      pricing: row.reportedCost === null ? provenanceJson(result, row.serviceTier) : withReported(provenanceJson(result, row.serviceTier), row.reportedCost),
    };
  }
  const unpriced = { reason: result.reason, detail: result.detail, suggestions: result.suggestions };
  return notComputed(row, unpriced);
}

function priceGpuRow(row: UsageRow): PricedUsage {
  const gpu = { seconds: femtoToUsd(BigInt(row.gpuMicros) * 1_000_000_000n).replace(/\.?0+$/, ""), type: row.gpuType, pool: row.gpuPool };
  return notComputed(row, { reason: "no_gpu_rate", detail: `no GPU rate for ${row.gpuType ?? "(no GPU type)"}`, gpu });
}

function notComputed(row: UsageRow, detail: Record<string, unknown>): PricedUsage {
  const reported: Femto | null = row.reportedCost;
  if (reported === null) {
    return { costToken: 0n, costGpu: 0n, costTotal: 0n, source: "unpriced", priceEntryId: null, pricing: JSON.stringify(detail) };
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
