/**
 * Catalog search for the settings page and the model-comparison picker, an entry's history
 * (every effective-dated entry of one model: catalog and project overrides), and the answer
 * of GET /api/v1/prices/resolve: the entry that would price an event, or why none would.
 */
import type { PriceBook } from "../book";
import { indexKey, indexOf } from "../name-index";
import { canonicalProvider } from "../providers";
import { resolveModel, resolvePrice, type MatchStep } from "../resolve";
import type { PriceEntry } from "../types";
import { entryJson, type EntryJson } from "./entries";

interface CatalogPage {
  total: number;
  page: number;
  limit: number;
  items: EntryJson[];
}

/** The entry in force now for each (provider, model), filtered by words of `search`, project overrides first. */
export function searchCatalog(
  book: PriceBook,
  query: { search?: string; provider?: string; page?: number; limit?: number },
  now = Date.now(),
): CatalogPage {
  const words = (query.search ?? "")
    .toLowerCase()
    .split(/[\s/:]+/)
    .filter(Boolean);
  const provider = query.provider ? canonicalProvider(query.provider) : undefined;
  const limit = Math.min(Math.max(query.limit ?? 25, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const latest = new Map<string, PriceEntry>();
  for (const entry of [...book.catalog.entries, ...book.overrides]) {
    if (provider && entry.provider !== provider) continue;
    const text = `${entry.provider} ${entry.model}`.toLowerCase();
    if (!words.every((word) => text.includes(word))) continue;
    const key = `${entry.scope}\u0000${indexKey(entry.provider, entry.model)}`;
    const seen = latest.get(key);
    const inForce = entry.effectiveFrom <= now && (entry.effectiveTo === undefined || now < entry.effectiveTo);
    if (!seen || (inForce && entry.effectiveFrom >= seen.effectiveFrom)) latest.set(key, entry);
  }
  const exact = words.join(" ");
  const ranked = [...latest.values()].sort(
    (a, b) =>
      Number(b.scope === "project") - Number(a.scope === "project") ||
      Number(b.model.toLowerCase() === exact) - Number(a.model.toLowerCase() === exact) ||
      a.model.length - b.model.length ||
      a.model.localeCompare(b.model) ||
      a.provider.localeCompare(b.provider),
  );
  return { total: ranked.length, page, limit, items: ranked.slice((page - 1) * limit, page * limit).map(entryJson) };
}

/** Every entry of one (provider, model), oldest first: catalog snapshots and project overrides. */
export function entryHistory(book: PriceBook, provider: string, model: string): EntryJson[] {
  const key = indexKey(canonicalProvider(provider), model);
  const overrides = book.overrides.filter((entry) => indexKey(entry.provider, entry.model) === key);
  const catalog = indexOf(book.catalog.entries).byKey.get(key) ?? [];
  return [...catalog, ...overrides]
    .sort((a, b) => a.effectiveFrom - b.effectiveFrom || a.scope.localeCompare(b.scope))
    .map(entryJson);
}

type ResolveAnswer =
  | {
      priced: true;
      provider: string;
      model: string;
      at: string;
      match: readonly MatchStep[];
      date_rule: string;
      entry: EntryJson;
    }
  | { priced: false; at: string; reason: string; message: string; suggestions: readonly string[] };

const STEP_TEXT: Record<MatchStep, string> = {
  project_alias: "a project alias",
  exact: "the exact name",
  provider_prefix: "the name without its provider prefix",
  dated_snapshot: "the base model of a dated snapshot",
  langfuse_alias: "a known alias pattern",
};

export function resolveAnswer(
  book: PriceBook,
  query: { provider?: string; model: string; at: number },
): ResolveAnswer & { explanation?: string } {
  const at = new Date(query.at).toISOString();
  const resolution = resolvePrice(book, query);
  if (resolution.status === "priced") {
    return {
      priced: true,
      provider: resolution.provider,
      model: resolution.model,
      at,
      match: resolution.steps,
      date_rule: resolution.dateRule,
      entry: entryJson(resolution.entry),
      explanation: `Matched by ${resolution.steps.map((step) => STEP_TEXT[step]).join(", then ")}; ${resolution.entry.id} is in force at ${at}.`,
    };
  }
  const name = resolveModel(book, query.provider, query.model);
  const suggestions = resolution.suggestions.length ? resolution.suggestions : name.found ? [] : name.suggestions;
  const message =
    resolution.reason === "unknown_model"
      ? `No price for ${query.provider ? `${query.provider}:` : ""}${query.model}: add an override or an alias`
      : `${query.model} has no price in force at ${at}`;
  return { priced: false, at, reason: resolution.reason, message, suggestions };
}
