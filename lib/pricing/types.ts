/**
 * The pricing contract shared by ingestion, the SDK and the read API: prices per token class
 * (lib/token-classes.ts), service tier and long-context band.
 */
import type { Femto } from "../money";
import type { TokenClass } from "../token-classes";

/** Classes that make up a request's prompt: they decide whether a long-context tier applies. */
export const PROMPT_CLASSES: readonly TokenClass[] = [
  "input",
  "cache_read",
  "cache_write_5m",
  "cache_write_1h",
  "audio_input",
  "image_input",
];

export const SERVICE_TIERS = ["standard", "batch", "flex", "priority"] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/** Femtodollars per token for each class a band lists. */
export type UnitPrices = Partial<Record<TokenClass, Femto>>;

/**
 * One price level of an entry: it applies when the request's prompt is strictly more than
 * `above` tokens (0 for the base band). Providers bill long context this way: the whole
 * request, every class, at the band's prices.
 */
export interface PriceBand {
  readonly above: number;
  readonly prices: UnitPrices;
}

export type PriceScope = "catalog" | "project";

/** A dated price for one (provider, model), compiled to femtodollars. */
export interface PriceEntry {
  readonly id: string;
  readonly scope: PriceScope;
  readonly provider: string;
  readonly model: string;
  /** Inclusive start, epoch milliseconds. */
  readonly effectiveFrom: number;
  /** Exclusive end, epoch milliseconds; only overrides may end. */
  readonly effectiveTo?: number;
  /** Bands per service tier, ascending by `above`, the first at 0. */
  readonly tiers: Partial<Record<ServiceTier, readonly PriceBand[]>>;
  /**
   * Femtodollars per unit for usage billed by the second, character or image (`UNIT_PRICE_KEY`
   * in units.ts): one price whatever the tier or prompt size.
   */
  readonly unitPrices?: Readonly<Record<string, Femto>>;
  /** Markup (positive) or discount (negative) in percent, as an exact decimal string. */
  readonly markupPct?: string;
}

/** A project's name for a model, e.g. an Azure deployment name mapped to its base model. */
export interface ModelAlias {
  /** Provider the alias is used with; absent means any provider. */
  readonly provider?: string;
  readonly alias: string;
  readonly model: string;
  /** Provider whose price applies, when it differs from the event's (absent: the event's). */
  readonly targetProvider?: string;
}

/** A full-match pattern from a second source (langfuse) naming the model it prices. */
export interface PatternAlias {
  readonly pattern: RegExp;
  readonly model: string;
}
