/**
 * The models a comparison can target, from the price book (server side: the catalog is large,
 * so pages send this short list of first-party chat models, with list prices for the picker).
 */
import { femtoToUsd } from "@/lib/money";
import { loadCatalog } from "@/lib/pricing/catalog";
import type { PriceEntry } from "@/lib/pricing/types";

export interface ModelOption {
  provider: string;
  model: string;
  /** Dollars per million tokens, exact decimal text. */
  input: string;
  output: string;
}

const FIRST_PARTY = new Set([
  "openai",
  "anthropic",
  "google",
  "mistral",
  "xai",
  "deepseek",
  "cohere",
  "meta",
  "groq",
  "together",
  "fireworks",
]);

function perMillion(femtoPerToken: bigint): string {
  return femtoToUsd(femtoPerToken * 1_000_000n).replace(/\.?0+$/, "");
}

let cached: ModelOption[] | undefined;

export function modelOptions(): ModelOption[] {
  if (cached) return cached;
  const latest = new Map<string, PriceEntry>();
  for (const entry of loadCatalog().entries) {
    if (!FIRST_PARTY.has(entry.provider)) continue;
    const key = `${entry.provider}/${entry.model}`;
    const seen = latest.get(key);
    if (!seen || seen.effectiveFrom < entry.effectiveFrom) latest.set(key, entry);
  }
  const options: ModelOption[] = [];
  for (const entry of latest.values()) {
    const prices = entry.tiers.standard?.[0]?.prices;
    // Chat models price both sides; embeddings and image models have no output tokens.
    if (!prices?.input || !prices.output) continue;
    options.push({
      provider: entry.provider,
      model: entry.model,
      input: perMillion(prices.input),
      output: perMillion(prices.output),
    });
  }
  cached = options.sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
  return cached;
}
