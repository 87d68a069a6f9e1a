/**
 * The committed catalog, validated and compiled once per process. Callers get femtodollar
 * entries and the langfuse aliases; the JSON file itself is an implementation detail.
 */
import { compileCatalogEntry } from "../entry-schema";
import type { PatternAlias, PriceEntry } from "../types";
import rawBook from "./price-book.json";
import { priceBookJsonSchema } from "./price-book-json";

export interface Catalog {
  readonly version: string;
  readonly sourceDate: string;
  readonly entries: readonly PriceEntry[];
  readonly patternAliases: readonly PatternAlias[];
}

let loaded: Catalog | undefined;

export function loadCatalog(): Catalog {
  if (loaded) return loaded;
  const book = priceBookJsonSchema.parse(rawBook);
  loaded = {
    version: book.version,
    sourceDate: book.source_date,
    entries: book.entries.map(compileCatalogEntry),
    patternAliases: book.aliases.map((alias) => ({ pattern: new RegExp(alias.pattern, alias.flags), model: alias.model })),
  };
  return loaded;
}

interface CatalogStats {
  readonly version: string;
  readonly sourceDate: string;
  readonly entries: number;
  readonly aliases: number;
  /** Entry count per canonical provider, largest first. */
  readonly providers: ReadonlyArray<{ readonly provider: string; readonly entries: number }>;
}

/** Figures for `prices stats`. */
export function catalogStats(catalog: Catalog = loadCatalog()): CatalogStats {
  const counts = new Map<string, number>();
  for (const entry of catalog.entries) counts.set(entry.provider, (counts.get(entry.provider) ?? 0) + 1);
  return {
    version: catalog.version,
    sourceDate: catalog.sourceDate,
    entries: catalog.entries.length,
    aliases: catalog.patternAliases.length,
    providers: [...counts]
      .map(([provider, entries]) => ({ provider, entries }))
      .sort((a, b) => b.entries - a.entries || a.provider.localeCompare(b.provider)),
  };
}
