/**
 * Builds the committed price book from the two source snapshots. Pure and deterministic: the
 * same inputs give the same bytes, and the version is a hash of the content.
 */
import { createHash } from "node:crypto";
import type { CatalogEntryJson } from "../entry-schema";
import { SERVICE_TIERS } from "../types";
import { TOKEN_CLASSES } from "@/lib/token-classes";
import { applyAnthropicCacheRules, type RuleFinding } from "./anthropic-rules";
import { femtoToPerMillion, femtoToUsdPerUnit } from "./format";
import { convertLitellmEntry, type DraftEntry } from "./from-litellm";
import { readImageVariant, type ImageVariant } from "./image-variants";

const IMAGE_VARIANT_NOTE = "image prices by size and quality: litellm's per-pixel price x pixels, rounded to $0.001";
import { compareWithLangfuse, langfuseAliases, langfuseModels, type Disagreement } from "./langfuse";
import type { PriceBookJson } from "./price-book-json";

const EFFECTIVE_FROM_RULE =
  "An event is priced by the entry of its (provider, model) with the latest effective_from at or " +
  "before its occurred_at. Catalog entries also price events older than their first entry (a " +
  "snapshot is the best price known for its past); project overrides never apply before their " +
  "effective_from nor from their effective_to on.";

interface BuildOptions {
  /** The day the sources were read; every entry takes effect then. */
  readonly sourceDate: string;
}

interface BuildReport {
  readonly sourceModels: number;
  readonly entries: number;
  readonly skipped: Readonly<Record<string, number>>;
  readonly unrepresentable: readonly string[];
  readonly duplicates: readonly string[];
  readonly anthropicFindings: readonly RuleFinding[];
  readonly langfuseDisagreements: readonly Disagreement[];
  readonly aliases: number;
}

function toJson(entry: DraftEntry, sourceDate: string): CatalogEntryJson {
  const tiers: CatalogEntryJson["tiers"] = {};
  for (const tier of SERVICE_TIERS) {
    const bands = entry.tiers.get(tier);
    if (!bands) continue;
    tiers[tier] = [...bands.keys()]
      .sort((a, b) => a - b)
      .map((above) => {
        const prices = bands.get(above)!;
        const usd: Record<string, string> = {};
        for (const tokenClass of TOKEN_CLASSES) {
          const price = prices.get(tokenClass);
          if (price !== undefined) usd[tokenClass] = femtoToPerMillion(price);
        }
        return { above, usd_per_mtok: usd };
      });
  }
  const units = [...entry.units.keys()].sort().map((key) => [key, femtoToUsdPerUnit(entry.units.get(key)!)] as const);
  return {
    id: `${entry.provider}:${entry.model}@${sourceDate}`,
    provider: entry.provider,
    model: entry.model,
    source_key: entry.sourceKey,
    source_provider: entry.sourceProvider,
    mode: entry.mode,
    effective_from: sourceDate,
    tiers,
    ...(units.length > 0 ? { usd_per_unit: Object.fromEntries(units) } : {}),
    ...(entry.notes.length > 0 ? { notes: entry.notes } : {}),
  };
}

/**
 * Two source keys can name one (provider, model), e.g. `azure/gpt-5.4-mini` and
 * `azure_ai/gpt-5.4-mini`. Their prices are merged: a price only one lists is kept, and where
 * both list a price and disagree the first key's wins and the conflict is reported.
 */
function mergeInto(kept: DraftEntry, other: DraftEntry): string[] {
  const conflicts: string[] = [];
  for (const [tier, bands] of other.tiers) {
    let keptBands = kept.tiers.get(tier);
    if (!keptBands) kept.tiers.set(tier, (keptBands = new Map()));
    for (const [above, prices] of bands) {
      let keptPrices = keptBands.get(above);
      if (!keptPrices) keptBands.set(above, (keptPrices = new Map()));
      for (const [tokenClass, price] of prices) {
        const listed = keptPrices.get(tokenClass);
        if (listed === undefined) keptPrices.set(tokenClass, price);
        else if (listed !== price) conflicts.push(`${tier}/${above}/${tokenClass}`);
      }
    }
  }
  for (const [key, price] of other.units) {
    const listed = kept.units.get(key);
    if (listed === undefined) kept.units.set(key, price);
    else if (listed !== price) conflicts.push(key);
  }
  return conflicts;
}

/** Folds per-size image prices into their model's entry, creating it if litellm has no other key for it. */
function addImageVariants(byName: Map<string, DraftEntry>, variants: ReadonlyArray<readonly [string, ImageVariant]>): void {
  for (const [key, variant] of variants) {
    const name = `${variant.provider}:${variant.model}`;
    let entry = byName.get(name);
    if (!entry) {
      entry = { provider: variant.provider, model: variant.model, sourceKey: key, sourceProvider: variant.provider, mode: "image_generation", tiers: new Map(), units: new Map(), notes: [] };
      byName.set(name, entry);
    }
    if (entry.units.size === 0 || !entry.notes.includes(IMAGE_VARIANT_NOTE)) entry.notes.push(IMAGE_VARIANT_NOTE);
    entry.units.set(variant.priceKey, variant.price);
  }
}

/** A tier whose variant prices exist only above a threshold still needs a base band. */
function withBaseBands(entry: DraftEntry): DraftEntry {
  for (const bands of entry.tiers.values()) {
    if (!bands.has(0)) bands.set(0, new Map());
  }
  return entry;
}

export function buildPriceBook(litellm: Readonly<Record<string, unknown>>, langfuse: unknown, options: BuildOptions) {
  const skipped: Record<string, number> = {};
  const unrepresentable: string[] = [];
  const duplicates: string[] = [];
  const anthropicFindings: RuleFinding[] = [];
  const byName = new Map<string, DraftEntry>();
  const bySourceKey = new Map<string, DraftEntry>();

  const imageVariants: Array<readonly [string, ImageVariant]> = [];
  // Sorted keys: when two source keys name the same (provider, model), the first one wins.
  for (const key of Object.keys(litellm).sort()) {
    const variant = readImageVariant(key, litellm[key]);
    if (variant?.kind === "variant") imageVariants.push([key, variant.variant]);
    if (variant?.kind === "skipped") unrepresentable.push(variant.detail);
    if (variant) continue;
    const conversion = convertLitellmEntry(key, litellm[key]);
    if (conversion.kind === "skipped") {
      skipped[conversion.reason] = (skipped[conversion.reason] ?? 0) + 1;
      if (conversion.detail) unrepresentable.push(conversion.detail);
      continue;
    }
    const entry = withBaseBands(conversion.entry);
    const name = `${entry.provider}:${entry.model}`;
    anthropicFindings.push(...applyAnthropicCacheRules(entry));
    const kept = byName.get(name);
    if (kept) {
      const conflicts = mergeInto(kept, entry);
      kept.notes.push(`merged with ${key}`);
      duplicates.push(`${key} merged into ${kept.sourceKey}${conflicts.length ? `; conflicting, kept ${kept.sourceKey}'s: ${conflicts.join(", ")}` : ""}`);
      continue;
    }
    byName.set(name, entry);
    bySourceKey.set(key, entry);
  }

  addImageVariants(byName, imageVariants);

  const models = langfuseModels(langfuse);
  const catalogModels = new Set([...byName.values()].map((entry) => entry.model));
  const aliases = langfuseAliases(models, catalogModels);
  const entries = [...byName.keys()].sort().map((name) => toJson(byName.get(name)!, options.sourceDate));
  const hash = createHash("sha256").update(JSON.stringify({ entries, aliases })).digest("hex").slice(0, 12);

  const book: PriceBookJson = {
    version: `${options.sourceDate}.${hash}`,
    source_date: options.sourceDate,
    sources: {
      litellm: "BerriAI/litellm model_prices_and_context_window.json (MIT), read " + options.sourceDate,
      langfuse: "langfuse/langfuse worker/src/constants/default-model-prices.json (MIT), read " + options.sourceDate,
      unit: "usd_per_mtok: exact US dollars per million tokens; usd_per_unit: exact US dollars per second, character or image",
    },
    effective_from_rule: EFFECTIVE_FROM_RULE,
    entry_count: entries.length,
    entries,
    aliases,
  };
  const report: BuildReport = {
    sourceModels: Object.keys(litellm).length,
    entries: entries.length,
    skipped,
    unrepresentable,
    duplicates,
    anthropicFindings,
    langfuseDisagreements: compareWithLangfuse(models, bySourceKey),
    aliases: aliases.length,
  };
  return { book, report };
}

/** One entry per line: small diffs when a price changes, still valid JSON. */
export function serializePriceBook(book: PriceBookJson): string {
  const { entries, aliases, ...head } = book;
  const headLines = Object.entries(head).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  const list = (items: readonly unknown[]) => items.map((item) => `    ${JSON.stringify(item)}`).join(",\n");
  return `{\n${headLines.join("\n")}\n  "entries": [\n${list(entries)}\n  ],\n  "aliases": [\n${list(aliases)}\n  ]\n}\n`;
}
