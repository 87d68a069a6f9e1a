/**
 * A price book: the committed catalog plus one project's overrides and model aliases. The
 * catalog part is shared by every book; overrides and aliases come from the database, so a
 * book is cheap to create per project and per ingest batch.
 */
import { loadCatalog, type Catalog } from "./catalog";
import { compileOverride } from "./entry-schema";
import { canonicalProvider } from "./providers";
import type { ModelAlias, PriceEntry } from "./types";

export interface PriceBook {
  readonly catalog: Catalog;
  /** Project overrides, effective-dated like catalog entries; they win over the catalog. */
  readonly overrides: readonly PriceEntry[];
  /** Project names for models (Azure deployments, internal names). */
  readonly aliases: readonly ModelAlias[];
}

interface PriceBookInput {
  readonly catalog?: Catalog;
  /** Override rows in the stored entry shape (`scope: "project"`), validated here. */
  readonly overrides?: readonly unknown[];
  readonly aliases?: readonly ModelAlias[];
}

export function createPriceBook(input: PriceBookInput = {}): PriceBook {
  return {
    catalog: input.catalog ?? loadCatalog(),
    overrides: (input.overrides ?? []).map(compileOverride),
    aliases: (input.aliases ?? []).map((alias) => ({
      ...alias,
      ...(alias.provider === undefined ? {} : { provider: canonicalProvider(alias.provider) }),
      ...(alias.targetProvider === undefined ? {} : { targetProvider: canonicalProvider(alias.targetProvider) }),
    })),
  };
}
