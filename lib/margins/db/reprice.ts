/**
 * The simulator's `Reprice` over the price book (lib/pricing): the cost of a day's token counts
 * on a model, at the model's standard price in force at `at`.
 *
 * Rollups hold a day's tokens summed over many requests, so pricing the sum as one request
 * would put every busy day in the long-context band. Each class is priced per token instead
 * (the price book's unit price for one token, base band) and multiplied by the day's count:
 * exact, and the band a typical request pays. Markups of project price entries round once per
 * token here rather than once per request: below a femtodollar per request.
 */
import type { Femto } from "@/lib/money";
import type { PriceBook } from "@/lib/pricing/book";
import { priceUsage } from "@/lib/pricing/cost";
import type { Reprice } from "../scenario-apply";
import { type TokenCounts } from "../types";
import { TOKEN_CLASSES, type TokenClass } from "@/lib/token-classes";

interface RepriceOptions {
  book: PriceBook;
  /** Provider of each model seen in the rollups (a model name alone may be ambiguous). */
  providers?: ReadonlyMap<string, string>;
  at?: Date;
}

export function priceBookReprice({ book, providers, at = new Date() }: RepriceOptions): Reprice {
  const units = new Map<string, Femto | null>();
  const unitPrice = (model: string, tokenClass: TokenClass): Femto | null => {
    const key = `${model}\u0000${tokenClass}`;
    if (!units.has(key)) {
      const result = priceUsage(
        {
          provider: providers?.get(model),
          model,
          tokens: { [tokenClass]: 1 },
          occurredAt: at,
          serviceTier: "standard",
        },
        book,
      );
      units.set(key, result.source === "computed" ? result.total : null);
    }
    return units.get(key)!;
  };
  return (tokens: TokenCounts, _fromModel: string, toModel: string) => {
    let total = 0n;
    for (const tokenClass of TOKEN_CLASSES) {
      const count = tokens[tokenClass] ?? 0;
      if (count === 0) continue;
      const unit = unitPrice(toModel, tokenClass);
      if (unit === null) return null;
      total += BigInt(count) * unit;
    }
    return total;
  };
}
