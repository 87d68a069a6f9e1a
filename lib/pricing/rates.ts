/**
 * The unit price of one token class for one request, and the rule that produced it.
 *
 * 1. A class the entry never lists is billed as its substitute: reasoning and audio/image
 *    output as output (providers bill thinking as output); cache reads, 5-minute cache writes
 *    and audio/image input as input (no cache discount or surcharge listed means none); 1-hour
 *    writes as 5-minute writes.
 * 2. In the request's band, the listed price of its service tier.
 * 3. A batch/flex/priority price the entry does not list: batch at 50% of standard where the
 *    provider documents it (see DOCUMENTED_HALF_PRICE_BATCH), OpenAI flex at the batch price,
 *    otherwise the standard price (the provider serves such a request at standard).
 * 4. A long-context band that does not list the class: the next lower band's price.
 * 5. Still nothing (a class listed only in another band or tier): its substitute in this band.
 *
 * Image generation models (gpt-image-1) list no text output price: the `output_tokens` their
 * API reports are image tokens, billed at the image output price.
 */
import { divideRounded, type Femto } from "../money";
import { DOCUMENTED_HALF_PRICE_BATCH, FLEX_AT_BATCH_PRICE } from "./providers";
import type { PriceEntry, ServiceTier } from "./types";
import type { TokenClass } from "@/lib/token-classes";

export type PriceRule =
  "billed_as_substitute" | "batch_half_price" | "flex_at_batch_price" | "standard_price_for_tier" | "lower_band_price";

interface UnitRate {
  readonly unit: Femto;
  readonly tier: ServiceTier;
  readonly bandAbove: number;
  readonly billedAs: TokenClass;
  /** Empty when the price is listed for exactly this class, tier and band. */
  readonly rules: readonly PriceRule[];
}

const SUBSTITUTE: Partial<Record<TokenClass, TokenClass>> = {
  reasoning: "output",
  audio_output: "output",
  image_output: "output",
  cache_read: "input",
  cache_write_5m: "input",
  cache_write_1h: "cache_write_5m",
  audio_input: "input",
  image_input: "input",
};

interface EntryRates {
  readonly thresholds: readonly number[];
  readonly listedAnywhere: ReadonlySet<TokenClass>;
  readonly memo: Map<string, UnitRate | null>;
}
const entryRates = new WeakMap<PriceEntry, EntryRates>();

function ratesOf(entry: PriceEntry): EntryRates {
  let rates = entryRates.get(entry);
  if (rates) return rates;
  const thresholds = new Set<number>([0]);
  const listed = new Set<TokenClass>();
  for (const bands of Object.values(entry.tiers)) {
    for (const band of bands) {
      thresholds.add(band.above);
      for (const tokenClass of Object.keys(band.prices)) listed.add(tokenClass as TokenClass);
    }
  }
  rates = { thresholds: [...thresholds].sort((a, b) => a - b), listedAnywhere: listed, memo: new Map() };
  entryRates.set(entry, rates);
  return rates;
}

/** The band a request falls in: the highest threshold its prompt strictly exceeds. */
export function bandIndex(entry: PriceEntry, promptTokens: number): number {
  const { thresholds } = ratesOf(entry);
  let index = 0;
  while (index + 1 < thresholds.length && promptTokens > thresholds[index + 1]!) index++;
  return index;
}

export function bandThreshold(entry: PriceEntry, index: number): number {
  return ratesOf(entry).thresholds[index] ?? 0;
}

const withRule = (rate: UnitRate | undefined, rule: PriceRule, unit: Femto = rate?.unit ?? 0n): UnitRate | undefined =>
  rate && { ...rate, unit, rules: [...rate.rules, rule] };

function priceAt(entry: PriceEntry, tier: ServiceTier, index: number, tokenClass: TokenClass): UnitRate | undefined {
  const { thresholds } = ratesOf(entry);
  const above = thresholds[index]!;
  const listed = entry.tiers[tier]?.find((band) => band.above === above)?.prices[tokenClass];
  if (listed !== undefined) return { unit: listed, tier, bandAbove: above, billedAs: tokenClass, rules: [] };

  if (tier === "flex" && FLEX_AT_BATCH_PRICE.has(entry.provider)) {
    return withRule(priceAt(entry, "batch", index, tokenClass), "flex_at_batch_price");
  }
  if (tier === "batch" && DOCUMENTED_HALF_PRICE_BATCH.has(entry.provider)) {
    const standard = priceAt(entry, "standard", index, tokenClass);
    return withRule(standard, "batch_half_price", divideRounded(standard?.unit ?? 0n, 2n));
  }
  if (tier !== "standard") return withRule(priceAt(entry, "standard", index, tokenClass), "standard_price_for_tier");

  if (index > 0) {
    const lower = priceAt(entry, tier, index - 1, tokenClass);
    if (lower) return withRule(lower, "lower_band_price");
  }
  const substitute = SUBSTITUTE[tokenClass];
  return substitute && withRule(priceAt(entry, tier, index, substitute), "billed_as_substitute");
}

/** The unit price of `tokenClass` for a request in band `index`, or undefined if the entry cannot price it. */
export function unitRate(
  entry: PriceEntry,
  tier: ServiceTier,
  index: number,
  tokenClass: TokenClass,
): UnitRate | undefined {
  const rates = ratesOf(entry);
  const memoKey = `${tier}|${index}|${tokenClass}`;
  const memoized = rates.memo.get(memoKey);
  if (memoized !== undefined) return memoized ?? undefined;

  let billed: TokenClass | undefined = tokenClass;
  if (tokenClass === "output" && !rates.listedAnywhere.has("output") && rates.listedAnywhere.has("image_output"))
    billed = "image_output";
  while (billed && !rates.listedAnywhere.has(billed)) billed = SUBSTITUTE[billed];
  let rate = billed && priceAt(entry, tier, index, billed);
  if (rate && billed !== tokenClass) rate = { ...rate, rules: ["billed_as_substitute", ...rate.rules] };
  rates.memo.set(memoKey, rate ?? null);
  return rate;
}
