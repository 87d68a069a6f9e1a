/**
 * Entries indexed by (provider, lower-cased model name), each list in effective-date order.
 * The catalog's index is built once per process; an override index once per book.
 */
import type { PriceEntry } from "./types";

export interface NameIndex {
  /** `provider\0model` -> entries ascending by effectiveFrom. */
  readonly byKey: ReadonlyMap<string, readonly PriceEntry[]>;
  /** model -> providers that price it. */
  readonly providersByModel: ReadonlyMap<string, readonly string[]>;
  /** provider -> its model names, for near-match suggestions. */
  readonly modelsByProvider: ReadonlyMap<string, readonly string[]>;
}

export const indexKey = (provider: string, model: string): string => `${provider}\u0000${model.toLowerCase()}`;

function buildNameIndex(entries: readonly PriceEntry[]): NameIndex {
  const byKey = new Map<string, PriceEntry[]>();
  const providersByModel = new Map<string, string[]>();
  const modelsByProvider = new Map<string, string[]>();
  for (const entry of entries) {
    const key = indexKey(entry.provider, entry.model);
    const list = byKey.get(key);
    if (list) {
      list.push(entry);
      continue;
    }
    byKey.set(key, [entry]);
    const model = entry.model.toLowerCase();
    providersByModel.set(model, [...(providersByModel.get(model) ?? []), entry.provider]);
    modelsByProvider.set(entry.provider, [...(modelsByProvider.get(entry.provider) ?? []), model]);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.effectiveFrom - b.effectiveFrom);
  return { byKey, providersByModel, modelsByProvider };
}

const catalogIndexes = new WeakMap<readonly PriceEntry[], NameIndex>();

/** The index of an entry list, built on first use and kept while the list lives. */
export function indexOf(entries: readonly PriceEntry[]): NameIndex {
  let index = catalogIndexes.get(entries);
  if (!index) catalogIndexes.set(entries, (index = buildNameIndex(entries)));
  return index;
}
