/** Shared helpers for the pricing tests: dollars as decimal strings, events priced end to end. */
import { femtoToUsd, type Femto } from "@/lib/money";
import type { PriceBook } from "@/lib/pricing/book";
import { priceUsage, type CostResult } from "@/lib/pricing/cost";
import { normalizeTokens, normalizeUsage } from "@/lib/pricing/normalize";
import type { ServiceTier } from "@/lib/pricing/types";

/** "0.0125" for 12.5e12 femtodollars: the exact dollars, no trailing zeros. */
export function dollars(femto: Femto): string {
  return femtoToUsd(femto).replace(/\.?0+$/, "");
}

export interface ProviderCase {
  readonly name: string;
  readonly provider?: string;
  readonly model: string;
  /** The provider's usage object as its API returned it. */
  readonly usage?: unknown;
  /** Or our canonical tokens. */
  readonly tokens?: unknown;
  readonly tier?: ServiceTier;
  readonly at?: string;
  /** Exact dollars, or "unpriced". */
  readonly expected: string;
}

export const DEFAULT_AT = "2026-11-20T12:00:00Z";

export function priceCase(testCase: ProviderCase, book: PriceBook): CostResult {
  const tokens =
    testCase.tokens !== undefined
      ? normalizeTokens(testCase.tokens)
      : normalizeUsage(testCase.usage, testCase.provider);
  return priceUsage(
    {
      ...(testCase.provider === undefined ? {} : { provider: testCase.provider }),
      model: testCase.model,
      ...(testCase.tier === undefined ? {} : { serviceTier: testCase.tier }),
      tokens,
      occurredAt: new Date(testCase.at ?? DEFAULT_AT),
    },
    book,
  );
}
