/**
 * Models the simulator can move a feature to: the price book's current entries of first-party
 * providers with a standard input and output price, cheapest first, with prices per million.
 */
import type { PriceBook } from "@/lib/pricing/book";
import { usdJson } from "@/lib/money";

const FIRST_PARTY = new Set(["openai", "anthropic", "google", "mistral", "xai", "cohere", "deepseek"]);

interface CatalogModel {
  provider: string;
  model: string;
  /** Dollars per million input tokens, standard tier, base band. */
  inputPerMillion: string;
  outputPerMillion: string;
}

export function simulatorModels(book: PriceBook, at: Date = new Date()): CatalogModel[] {
  const latest = new Map<string, CatalogModel & { from: number; sort: bigint }>();
  for (const entry of book.catalog.entries) {
    if (!FIRST_PARTY.has(entry.provider) || entry.effectiveFrom > at.getTime()) continue;
    const prices = entry.tiers.standard?.[0]?.prices;
    if (!prices?.input || !prices.output) continue;
    const key = `${entry.provider}\u0000${entry.model}`;
    const seen = latest.get(key);
    if (seen && seen.from >= entry.effectiveFrom) continue;
    latest.set(key, {
      provider: entry.provider,
      model: entry.model,
      inputPerMillion: usdJson(prices.input * 1_000_000n),
      outputPerMillion: usdJson(prices.output * 1_000_000n),
      from: entry.effectiveFrom,
      sort: prices.input + prices.output,
    });
  }
  return [...latest.values()]
    .sort((a, b) => (a.sort === b.sort ? a.model.localeCompare(b.model) : a.sort < b.sort ? -1 : 1))
    .map(({ provider, model, inputPerMillion, outputPerMillion }) => ({
      provider,
      model,
      inputPerMillion,
      outputPerMillion,
    }));
}
