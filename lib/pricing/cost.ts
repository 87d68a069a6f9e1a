/**
 * Prices one usage event exactly: tokens x femtodollars per token for every class, summed in
 * bigint. Long context: when the request's prompt (every input-side class: Anthropic counts
 * input + cache reads + cache writes, Gemini and OpenAI their prompt including cached tokens)
 * is more than a band's threshold, every class of the request takes that band's price, as
 * Anthropic, Google and OpenAI bill it. Seconds, characters and images are priced at the
 * entry's unit price and added to the total. An event that cannot be priced is `unpriced`, never $0.
 */
import { divideRounded, usdToFemto, type Femto } from "../money";
import type { PriceBook } from "./book";
import { bandIndex, bandThreshold, unitRate, type PriceRule } from "./rates";
import { resolvePrice, type DateRule, type MatchStep } from "./resolve";
import { PROMPT_CLASSES, type PriceEntry, type PriceScope, type ServiceTier } from "./types";
import { TOKEN_CLASSES, type CanonicalTokens, type TokenClass } from "@/lib/token-classes";
import { describeUnits, unitPriceKey, type UnitKind, type UnitUsage } from "./units";

interface UsageToPrice {
  readonly provider?: string;
  readonly model: string;
  readonly serviceTier?: ServiceTier;
  readonly tokens: CanonicalTokens;
  /** Seconds, characters or images, for calls billed by those units. */
  readonly units?: UnitUsage;
  readonly occurredAt: Date;
}

/** The priced unit quantity of an event billed by the second, character or image. */
export interface UnitCost {
  readonly kind: UnitKind;
  readonly variant?: string;
  readonly quantity: number;
  readonly unitFemto: Femto;
  readonly cost: Femto;
  readonly scope: PriceScope;
  readonly markupPct?: string;
}

export interface ClassProvenance {
  readonly entryId: string;
  readonly scope: PriceScope;
  /** The service tier whose price applied (a batch request may take a derived price). */
  readonly tier: ServiceTier;
  readonly bandAbove: number;
  readonly billedAs: TokenClass;
  /** Empty when the listed price applied as is. */
  readonly rules: readonly PriceRule[];
  readonly unitFemto: Femto;
  readonly markupPct?: string;
}

export interface ComputedCost {
  readonly source: "computed";
  readonly total: Femto;
  readonly costs: Partial<Record<TokenClass, Femto>>;
  readonly provenance: Partial<Record<TokenClass, ClassProvenance>>;
  readonly unit?: UnitCost;
  readonly entryId: string;
  readonly provider: string;
  readonly model: string;
  readonly match: readonly MatchStep[];
  readonly dateRule: DateRule;
  readonly promptTokens: number;
  readonly bandAbove: number;
}

export interface UnpricedCost {
  readonly source: "unpriced";
  readonly reason: "unknown_model" | "no_entry_in_force" | "class_not_priced";
  readonly detail: string;
  readonly suggestions: readonly string[];
}

export type CostResult = ComputedCost | UnpricedCost;

const PERCENT_SCALE = usdToFemto("100");

/** Applies a markup or discount percent exactly, rounding half-even once per class. */
export function applyMarkup(cost: Femto, markupPct: string): Femto {
  return divideRounded(cost * (PERCENT_SCALE + usdToFemto(markupPct)), PERCENT_SCALE);
}

function promptTokensOf(tokens: CanonicalTokens): number {
  let prompt = 0;
  for (const tokenClass of PROMPT_CLASSES) prompt += tokens[tokenClass] ?? 0;
  return prompt;
}

/**
 * Units priced at the entry's listed unit price: an image of a size or quality the entry does
 * not list is unpriced (naming the ones it lists), never priced as another size.
 */
function priceUnits(entry: PriceEntry, units: UnitUsage): UnitCost | UnpricedCost {
  const listed = Object.keys(entry.unitPrices ?? {});
  const key = unitPriceKey(units);
  const variants = listed.filter((name) => name.startsWith(`${units.kind}:`));
  // One price for every image: an entry that lists no size or quality.
  const unitFemto = entry.unitPrices?.[key] ?? (variants.length === 0 ? entry.unitPrices?.[units.kind] : undefined);
  if (unitFemto === undefined) {
    const offered = variants.length
      ? `; it lists ${variants.map((name) => name.slice(units.kind.length + 1).replace(":", " ")).join(", ")}`
      : "";
    return {
      source: "unpriced",
      reason: "class_not_priced",
      detail: `${entry.id} lists no price for ${describeUnits(units)}${offered}`,
      suggestions: [],
    };
  }
  const base = BigInt(units.quantity) * unitFemto;
  return {
    kind: units.kind,
    ...(units.variant === undefined ? {} : { variant: units.variant }),
    quantity: units.quantity,
    unitFemto,
    cost: entry.markupPct === undefined ? base : applyMarkup(base, entry.markupPct),
    scope: entry.scope,
    ...(entry.markupPct === undefined ? {} : { markupPct: entry.markupPct }),
  };
}

export function priceUsage(usage: UsageToPrice, book: PriceBook): CostResult {
  const resolution = resolvePrice(book, {
    provider: usage.provider,
    model: usage.model,
    at: usage.occurredAt.getTime(),
  });
  if (resolution.status === "unpriced") {
    const detail = `${usage.provider ?? "(no provider)"}:${usage.model} ${resolution.reason === "unknown_model" ? "has no price" : "has no price in force at " + usage.occurredAt.toISOString()}`;
    return { source: "unpriced", reason: resolution.reason, detail, suggestions: resolution.suggestions };
  }
  const { entry } = resolution;
  const tier = usage.serviceTier ?? "standard";
  const promptTokens = promptTokensOf(usage.tokens);
  const band = bandIndex(entry, promptTokens);

  const costs: Partial<Record<TokenClass, Femto>> = {};
  const provenance: Partial<Record<TokenClass, ClassProvenance>> = {};
  let total = 0n;
  for (const tokenClass of TOKEN_CLASSES) {
    const count = usage.tokens[tokenClass];
    if (!count) continue;
    const rate = unitRate(entry, tier, band, tokenClass);
    if (!rate) {
      return {
        source: "unpriced",
        reason: "class_not_priced",
        detail: `${entry.id} lists no price for ${tokenClass}`,
        suggestions: [],
      };
    }
    const base = BigInt(count) * rate.unit;
    const cost = entry.markupPct === undefined ? base : applyMarkup(base, entry.markupPct);
    costs[tokenClass] = cost;
    total += cost;
    provenance[tokenClass] = {
      entryId: entry.id,
      scope: entry.scope,
      tier: rate.tier,
      bandAbove: rate.bandAbove,
      billedAs: rate.billedAs,
      rules: rate.rules,
      unitFemto: rate.unit,
      ...(entry.markupPct === undefined ? {} : { markupPct: entry.markupPct }),
    };
  }
  let unit: UnitCost | undefined;
  if (usage.units && usage.units.quantity > 0) {
    const priced = priceUnits(entry, usage.units);
    if ("source" in priced) return priced;
    unit = priced;
    total += priced.cost;
  }
  return {
    source: "computed",
    total,
    costs,
    ...(unit ? { unit } : {}),
    provenance,
    entryId: entry.id,
    provider: resolution.provider,
    model: resolution.model,
    match: resolution.steps,
    dateRule: resolution.dateRule,
    promptTokens,
    bandAbove: bandThreshold(entry, band),
  };
}
