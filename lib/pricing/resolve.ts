/**
 * Model name resolution: which (provider, model) of the price book an event's names mean.
 * Only whole names match, tried in this order: a project alias, the exact name, the name
 * without a provider prefix (`openai/gpt-4o`), a dated snapshot's base model
 * (`gpt-4o-2024-08-06` when that snapshot has no entry of its own), a langfuse full-match
 * pattern. Never a substring: `gpt-4o` and `gpt-4o-mini` are different models.
 */
import type { PriceBook } from "./book";
import { indexOf, indexKey, type NameIndex } from "./name-index";
import { canonicalProvider, isKnownProviderSpelling } from "./providers";
import { nearMatches } from "./suggest";
import type { PriceEntry } from "./types";

export type MatchStep = "project_alias" | "exact" | "provider_prefix" | "dated_snapshot" | "langfuse_alias";

type NameResolution =
  | { readonly found: true; readonly provider: string; readonly model: string; readonly steps: readonly MatchStep[] }
  | { readonly found: false; readonly provider?: string; readonly suggestions: readonly string[] };

export type DateRule = "override_in_force" | "in_force" | "before_first_entry";

type Resolution =
  | {
      readonly status: "priced";
      readonly entry: PriceEntry;
      readonly provider: string;
      readonly model: string;
      readonly steps: readonly MatchStep[];
      readonly dateRule: DateRule;
    }
  | {
      readonly status: "unpriced";
      readonly reason: "unknown_model" | "no_entry_in_force";
      readonly suggestions: readonly string[];
    };

/** When no provider is given, the company that makes a model is the likeliest biller. */
const PROVIDER_PREFERENCE = [
  "openai",
  "anthropic",
  "google",
  "mistral",
  "cohere",
  "deepseek",
  "xai",
  "vertex",
  "azure",
  "bedrock",
];

/** `-2024-08-06`, `-20250929`, Vertex's `@20240229` / `@default` / `@latest`. */
const SNAPSHOT_SUFFIX = /^(.+?)(?:-\d{4}-\d{2}-\d{2}|-\d{8}|@\d{8}|@default|@latest)$/;

const CACHE_LIMIT = 50_000;

interface BookState {
  readonly overrides: NameIndex;
  readonly names: Map<string, NameResolution>;
}
const states = new WeakMap<PriceBook, BookState>();

function stateOf(book: PriceBook): BookState {
  let state = states.get(book);
  if (!state) states.set(book, (state = { overrides: indexOf(book.overrides), names: new Map() }));
  return state;
}

function providersOf(book: PriceBook, model: string): string[] {
  const key = model.toLowerCase();
  const found = [
    ...(stateOf(book).overrides.providersByModel.get(key) ?? []),
    ...(indexOf(book.catalog.entries).providersByModel.get(key) ?? []),
  ];
  const rank = (provider: string) => {
    const at = PROVIDER_PREFERENCE.indexOf(provider);
    return at < 0 ? PROVIDER_PREFERENCE.length : at;
  };
  return [...new Set(found)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The provider that prices `model`: the given one, or the preferred one when none was given. */
function lookup(
  book: PriceBook,
  provider: string | undefined,
  model: string,
): { provider: string; model: string } | undefined {
  const candidates = provider === undefined ? providersOf(book, model).slice(0, 1) : [provider];
  for (const candidate of candidates) {
    const key = indexKey(candidate, model);
    const entry = stateOf(book).overrides.byKey.get(key)?.[0] ?? indexOf(book.catalog.entries).byKey.get(key)?.[0];
    if (entry) return { provider: candidate, model: entry.model };
  }
  return undefined;
}

function projectAlias(book: PriceBook, provider: string | undefined, name: string) {
  const lower = name.toLowerCase();
  return book.aliases.find(
    (alias) => alias.alias.toLowerCase() === lower && (alias.provider === undefined || alias.provider === provider),
  );
}

/**
 * `openai/gpt-4o` -> provider openai, model gpt-4o. A prefix counts when it is a provider
 * spelling we know or the event's own provider; Gemini's `models/` prefix names no provider.
 */
function splitPrefix(
  name: string,
  provider: string | undefined,
): { prefixProvider?: string; rest: string } | undefined {
  const slash = name.indexOf("/");
  if (slash < 0) return undefined;
  const prefix = name.slice(0, slash);
  if (prefix === "models") return { rest: name.slice(slash + 1) };
  const known = isKnownProviderSpelling(prefix) || canonicalProvider(prefix) === provider;
  return known ? { prefixProvider: canonicalProvider(prefix), rest: name.slice(slash + 1) } : undefined;
}

function resolveUncached(book: PriceBook, rawProvider: string | undefined, rawModel: string): NameResolution {
  const steps: MatchStep[] = [];
  let provider = rawProvider === undefined || rawProvider.trim() === "" ? undefined : canonicalProvider(rawProvider);
  let name = rawModel.trim();

  const alias = projectAlias(book, provider, name);
  if (alias) {
    steps.push("project_alias");
    name = alias.model;
    provider = alias.targetProvider ?? provider;
  }
  const found = (model: string, step: MatchStep): NameResolution | undefined => {
    const hit = lookup(book, provider, model);
    return hit && { found: true, ...hit, steps: [...steps, step] };
  };

  // With no provider given, a provider prefix says who bills (`openai/gpt-4o` is not a reseller's model).
  const prefixed = splitPrefix(name, provider);
  const exact = provider === undefined && prefixed?.prefixProvider ? undefined : found(name, "exact");
  if (exact) return exact;

  if (
    prefixed &&
    (provider === undefined || prefixed.prefixProvider === undefined || prefixed.prefixProvider === provider)
  ) {
    provider ??= prefixed.prefixProvider;
    name = prefixed.rest;
    const stripped = found(name, "provider_prefix");
    if (stripped) return stripped;
    steps.push("provider_prefix");
  }

  const snapshot = SNAPSHOT_SUFFIX.exec(name);
  if (snapshot) {
    const base = found(snapshot[1]!, "dated_snapshot");
    if (base) return base;
  }

  for (const pattern of book.catalog.patternAliases) {
    if (!pattern.pattern.test(name) && !pattern.pattern.test(rawModel.trim())) continue;
    const aliased = found(pattern.model, "langfuse_alias");
    if (aliased) return aliased;
  }

  return {
    found: false,
    ...(provider === undefined ? {} : { provider }),
    suggestions: suggestionsFor(book, provider, name),
  };
}

function suggestionsFor(book: PriceBook, provider: string | undefined, name: string): string[] {
  const catalog = indexOf(book.catalog.entries);
  const overrides = stateOf(book).overrides;
  const providers = provider === undefined ? [...catalog.modelsByProvider.keys()] : [provider];
  const providersByModel = new Map<string, string[]>();
  for (const p of providers) {
    for (const model of [...(overrides.modelsByProvider.get(p) ?? []), ...(catalog.modelsByProvider.get(p) ?? [])]) {
      providersByModel.set(model, [...(providersByModel.get(model) ?? []), p]);
    }
  }
  const suggestions = nearMatches(name, providersByModel.keys()).flatMap((model) =>
    (providersByModel.get(model) ?? []).map((p) => `${p}:${model}`),
  );
  return [...new Set(suggestions)].slice(0, 5);
}

/** Name resolution, cached per book: ingestion asks for the same few names on every event. */
export function resolveModel(book: PriceBook, provider: string | undefined, model: string): NameResolution {
  const cache = stateOf(book).names;
  const key = `${provider ?? ""}\u0000${model}`;
  let resolution = cache.get(key);
  if (!resolution) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, (resolution = resolveUncached(book, provider, model)));
  }
  return resolution;
}

/** The latest entry at or before `at`; an override only inside its own dates. */
function entryAt(
  book: PriceBook,
  provider: string,
  model: string,
  at: number,
): { entry: PriceEntry; dateRule: DateRule } | undefined {
  const key = indexKey(provider, model);
  const overrides = stateOf(book).overrides.byKey.get(key) ?? [];
  for (let i = overrides.length - 1; i >= 0; i--) {
    const entry = overrides[i]!;
    if (entry.effectiveFrom <= at && (entry.effectiveTo === undefined || at < entry.effectiveTo)) {
      return { entry, dateRule: "override_in_force" };
    }
  }
  const catalog = indexOf(book.catalog.entries).byKey.get(key) ?? [];
  for (let i = catalog.length - 1; i >= 0; i--) {
    if (catalog[i]!.effectiveFrom <= at) return { entry: catalog[i]!, dateRule: "in_force" };
  }
  return catalog[0] && { entry: catalog[0], dateRule: "before_first_entry" };
}

/** The entry that prices an event of this provider and model at `at` (epoch ms), or why none does. */
export function resolvePrice(book: PriceBook, query: { provider?: string; model: string; at: number }): Resolution {
  const name = resolveModel(book, query.provider, query.model);
  if (!name.found) return { status: "unpriced", reason: "unknown_model", suggestions: name.suggestions };
  const dated = entryAt(book, name.provider, name.model, query.at);
  if (!dated) return { status: "unpriced", reason: "no_entry_in_force", suggestions: [] };
  return {
    status: "priced",
    entry: dated.entry,
    provider: name.provider,
    model: name.model,
    steps: name.steps,
    dateRule: dated.dateRule,
  };
}
