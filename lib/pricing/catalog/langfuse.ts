/**
 * Langfuse's default model prices, our second source: their full-match patterns become
 * aliases (`gpt-35-turbo` -> `gpt-3.5-turbo`, Bedrock and Vertex spellings of Claude), and
 * their prices are compared with litellm's so disagreements are visible in every build.
 */
import { numberToFemto, type Femto } from "../../money";
import type { TokenClass } from "@/lib/token-classes";
import type { DraftEntry } from "./from-litellm";
import { femtoToPerMillion } from "./format";
import type { AliasJson } from "./price-book-json";

interface LangfuseTier {
  readonly isDefault?: boolean;
  readonly name?: string;
  readonly prices?: Readonly<Record<string, unknown>>;
}
interface LangfuseModel {
  readonly modelName: string;
  readonly matchPattern: string;
  readonly pricingTiers?: readonly LangfuseTier[];
}

/** The first langfuse usage key found prices the class (they list several spellings). */
const CLASS_KEYS: ReadonlyArray<readonly [TokenClass, readonly string[]]> = [
  ["input", ["input", "input_tokens"]],
  ["output", ["output", "output_tokens"]],
  ["cache_read", ["input_cache_read", "input_cached_tokens", "cache_read_input_tokens"]],
  ["cache_write_5m", ["input_cache_creation_5m", "input_cache_creation", "cache_creation_input_tokens"]],
  ["cache_write_1h", ["input_cache_creation_1h"]],
  ["reasoning", ["output_reasoning_tokens", "output_reasoning"]],
];

export interface Disagreement {
  readonly model: string;
  readonly tokenClass: TokenClass;
  readonly litellm: string;
  readonly langfuse: string;
}

function isLangfuseModel(value: unknown): value is LangfuseModel {
  const model = value as LangfuseModel;
  return typeof model?.modelName === "string" && typeof model.matchPattern === "string";
}

/** `(?i)^...$` in RE2 syntax -> a JavaScript source and flags; undefined if it does not compile. */
function toJsPattern(pattern: string): { source: string; flags: string } | undefined {
  const caseless = pattern.startsWith("(?i)");
  const source = caseless ? pattern.slice(4) : pattern;
  if (!source.startsWith("^") || !source.endsWith("$")) return undefined;
  try {
    new RegExp(source);
    return { source, flags: caseless ? "i" : "" };
  } catch {
    return undefined;
  }
}

export function langfuseModels(data: unknown): LangfuseModel[] {
  return Array.isArray(data) ? data.filter(isLangfuseModel) : [];
}

/** Anchored patterns whose model is in the catalog, sorted for a stable file. */
export function langfuseAliases(models: readonly LangfuseModel[], catalogModels: ReadonlySet<string>): AliasJson[] {
  const aliases: AliasJson[] = [];
  for (const model of models) {
    const pattern = toJsPattern(model.matchPattern);
    if (!pattern || !catalogModels.has(model.modelName)) continue;
    aliases.push({ pattern: pattern.source, flags: pattern.flags, model: model.modelName, source: "langfuse" });
  }
  return aliases.sort((a, b) => a.model.localeCompare(b.model) || a.pattern.localeCompare(b.pattern));
}

function priceOf(prices: Readonly<Record<string, unknown>>, keys: readonly string[]): Femto | undefined {
  for (const key of keys) {
    const value = prices[key];
    if (typeof value === "number") return numberToFemto(value);
  }
  return undefined;
}

/** Standard base-band prices ($/Mtok) that differ between langfuse and the first-party litellm entry. */
export function compareWithLangfuse(models: readonly LangfuseModel[], entries: ReadonlyMap<string, DraftEntry>): Disagreement[] {
  const found: Disagreement[] = [];
  for (const model of models) {
    const entry = entries.get(model.modelName);
    const prices = model.pricingTiers?.find((tier) => tier.isDefault)?.prices;
    const ours = entry?.tiers.get("standard")?.get(0);
    if (!prices || !ours) continue;
    for (const [tokenClass, keys] of CLASS_KEYS) {
      const theirs = priceOf(prices, keys);
      const listed = ours.get(tokenClass);
      if (theirs === undefined || listed === undefined || theirs === listed) continue;
      found.push({ model: model.modelName, tokenClass, litellm: femtoToPerMillion(listed), langfuse: femtoToPerMillion(theirs) });
    }
  }
  return found;
}
