/**
 * Conversions between the pricing tables and the engine's shapes: an override row becomes
 * the stored entry shape `createPriceBook` validates; a compiled entry (femtodollars per
 * token) goes back to dollars per million tokens for the API and the settings page.
 */
import { usdJson } from "@/lib/money";
import { femtoToUsd } from "@/lib/money";
import type { ModelAlias, PriceEntry, ServiceTier } from "../types";
import type { TokenClass } from "@/lib/token-classes";
import { TOKEN_CLASSES } from "@/lib/token-classes";

/** Column of each token class's base price in price_overrides. */
export const PRICE_COLUMNS: Readonly<Record<TokenClass, string>> = Object.fromEntries(
  TOKEN_CLASSES.map((tokenClass) => [tokenClass, `usd_per_mtok_${tokenClass}`]),
) as Record<TokenClass, string>;

export type UsdPerMtok = Partial<Record<TokenClass, string>>;

interface BandJson {
  above: number;
  usd_per_mtok: UsdPerMtok;
}
export type TierBandsJson = Partial<Record<ServiceTier, BandJson[]>>;

/** An override as the tables hold it (snake_case, decimals as strings). */
export interface OverrideRow {
  id: string;
  provider: string;
  model: string;
  effective_from: Date;
  effective_to: Date | null;
  usd_per_mtok: UsdPerMtok;
  tier_bands: TierBandsJson;
  markup_pct: string | null;
  note: string | null;
}

/** The price entry id an override prices events with (stored on events as price_entry_id). */
export const overrideEntryId = (id: string): string => `override:${id}`;

/** Trims a numeric's trailing zeros: "2.500000000000000" -> "2.5". */
export function plainDecimal(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}

/** The stored entry shape (see entry-schema.ts) of an override row. */
export function overrideEntryJson(row: OverrideRow): Record<string, unknown> {
  const base: BandJson = { above: 0, usd_per_mtok: row.usd_per_mtok };
  const tiers: TierBandsJson = { ...row.tier_bands, standard: [base, ...(row.tier_bands.standard ?? [])] };
  return {
    id: overrideEntryId(row.id),
    scope: "project",
    provider: row.provider,
    model: row.model,
    effective_from: row.effective_from.toISOString(),
    ...(row.effective_to ? { effective_to: row.effective_to.toISOString() } : {}),
    tiers,
    ...(row.markup_pct === null ? {} : { markup_pct: plainDecimal(row.markup_pct) }),
  };
}

export interface AliasRow {
  alias: string;
  provider: string | null;
  target_provider: string | null;
  target_model: string;
}

export function aliasOf(row: AliasRow): ModelAlias {
  return {
    alias: row.alias,
    model: row.target_model,
    ...(row.provider ? { provider: row.provider } : {}),
    ...(row.target_provider ? { targetProvider: row.target_provider } : {}),
  };
}

const MILLION = 1_000_000n;

/** $/M tokens of a femtodollar-per-token price. */
const perMillionUsd = (femtoPerToken: bigint): string => plainDecimal(femtoToUsd(femtoPerToken * MILLION));

export interface EntryJson {
  id: string;
  scope: "catalog" | "project";
  provider: string;
  model: string;
  effective_from: string;
  effective_to: string | null;
  markup_pct: string | null;
  tiers: TierBandsJson;
  /** Exact dollars per second, character or image (`image:<size>:<quality>`), for models billed so. */
  usd_per_unit?: Record<string, string>;
}

/** A compiled entry for the API: dates as ISO strings, prices in $ per million tokens (or per unit). */
export function entryJson(entry: PriceEntry): EntryJson {
  const tiers: TierBandsJson = {};
  for (const [tier, bands] of Object.entries(entry.tiers) as [ServiceTier, PriceEntry["tiers"]["standard"]][]) {
    tiers[tier] = (bands ?? []).map((band) => ({
      above: band.above,
      usd_per_mtok: Object.fromEntries(
        Object.entries(band.prices).map(([tokenClass, femto]) => [tokenClass, perMillionUsd(femto as bigint)]),
      ),
    }));
  }
  return {
    id: entry.id,
    scope: entry.scope,
    provider: entry.provider,
    model: entry.model,
    effective_from: new Date(entry.effectiveFrom).toISOString(),
    effective_to: entry.effectiveTo === undefined ? null : new Date(entry.effectiveTo).toISOString(),
    markup_pct: entry.markupPct ?? null,
    tiers,
    ...(entry.unitPrices
      ? {
          usd_per_unit: Object.fromEntries(
            Object.entries(entry.unitPrices).map(([unit, femto]) => [unit, usdJson(femto)]),
          ),
        }
      : {}),
  };
}
