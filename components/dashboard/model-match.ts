/** Ranking the comparison picker's models against what was typed (client side: no catalog here). */
import type { ModelOption } from "./model-options";

/**
 * The options matching what was typed, best first: the exact model name (any provider), then
 * names starting with it, then names containing it (each alphabetical), so typing "gpt-4o-mini"
 * offers gpt-4o-mini before ft:gpt-4o-mini-2024-07-18.
 */
export function matchModelOptions(
  options: readonly ModelOption[],
  typed: string,
  exclude?: string,
  limit = 50,
): ModelOption[] {
  const needle = typed.trim().toLowerCase();
  const rank = (option: ModelOption): number => {
    const model = option.model.toLowerCase();
    if (!needle) return 0;
    if (model === needle || `${option.provider}/${model}` === needle) return 0;
    if (model.startsWith(needle)) return 1;
    if (`${option.provider}/${model}`.includes(needle)) return 2;
    return -1;
  };
  return options
    .filter((option) => option.model !== exclude)
    .map((option) => ({ option, rank: rank(option) }))
    .filter((item) => item.rank >= 0)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((item) => item.option);
}
