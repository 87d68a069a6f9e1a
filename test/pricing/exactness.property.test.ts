/**
 * Exactness: a million random events priced one by one. The sum of event totals, the sum of
 * per-class costs and the cost recomputed from aggregated token counts (tokens summed per
 * entry, tier, band and class, times the unit price: prices are linear there) must agree to
 * the femtodollar. A seeded PRNG makes any failure reproducible.
 */
import { expect, test } from "vitest";
import { createPriceBook } from "@/lib/pricing/book";
import { priceUsage } from "@/lib/pricing/cost";
import { SERVICE_TIERS, type ServiceTier } from "@/lib/pricing/types";
import { TOKEN_CLASSES, type CanonicalTokens } from "@/lib/token-classes";
import { seededRandom } from "../fuzz/random";

const EVENTS = 1_000_000;

const MODELS: ReadonlyArray<readonly [string, string]> = [
  ["openai", "gpt-4o"],
  ["openai", "gpt-4o-mini"],
  ["openai", "o3"],
  ["openai", "gpt-5"],
  ["openai", "gpt-5.4"],
  ["openai", "gpt-4o-realtime-preview"],
  ["anthropic", "claude-sonnet-4-5"],
  ["anthropic", "claude-opus-4-6"],
  ["anthropic", "claude-3-haiku-20240307"],
  ["gemini", "gemini-2.5-pro"],
  ["gemini", "gemini-2.5-flash"],
  ["vertex_ai", "claude-sonnet-4-5"],
  ["bedrock", "amazon.nova-pro-v1:0"],
  ["deepseek", "deepseek-chat"],
  ["mistral", "mistral-large-latest"],
  ["dashscope", "qwen-flash"],
];

test(`a million events: per-event, per-class and aggregate totals agree exactly`, () => {
  const book = createPriceBook();
  const random = seededRandom(20261127).next;
  const int = (max: number) => Math.floor(random() * max);

  let sumOfTotals = 0n;
  const classSums = TOKEN_CLASSES.map(() => 0n);
  // (entry, requested tier, band, class) -> unit price and the tokens priced at it
  const aggregate = new Map<string, { unit: bigint; tokens: bigint }>();

  for (let i = 0; i < EVENTS; i++) {
    const [provider, model] = MODELS[int(MODELS.length)]!;
    const tokens: CanonicalTokens = {};
    // Mostly small requests, some past every long-context threshold.
    const scale = random() < 0.05 ? 400_000 : 20_000;
    for (const tokenClass of TOKEN_CLASSES) if (random() < 0.5) tokens[tokenClass] = int(scale);
    const serviceTier: ServiceTier = SERVICE_TIERS[int(SERVICE_TIERS.length)]!;
    const result = priceUsage(
      { provider, model, serviceTier, tokens, occurredAt: new Date(1_790_000_000_000 + i) },
      book,
    );
    if (result.source !== "computed") throw new Error(`unpriced ${provider}:${model}: ${result.detail}`);

    sumOfTotals += result.total;
    for (const tokenClass of TOKEN_CLASSES) {
      const cost = result.costs[tokenClass];
      if (cost === undefined) continue;
      classSums[TOKEN_CLASSES.indexOf(tokenClass)]! += cost;
      const provenance = result.provenance[tokenClass]!;
      // Entry, requested tier, band and class fix the unit price (and so the rules).
      const key = `${provenance.entryId}|${serviceTier}|${provenance.bandAbove}|${tokenClass}`;
      const bucket = aggregate.get(key);
      if (!bucket) aggregate.set(key, { unit: provenance.unitFemto, tokens: BigInt(tokens[tokenClass]!) });
      else if (bucket.unit !== provenance.unitFemto) throw new Error(`${key}: unit price not fixed by its key`);
      else bucket.tokens += BigInt(tokens[tokenClass]!);
    }
  }

  const sumOfClasses = classSums.reduce((a, b) => a + b, 0n);
  const fromAggregates = [...aggregate.values()].reduce((sum, { unit, tokens }) => sum + unit * tokens, 0n);
  expect(sumOfClasses).toBe(sumOfTotals);
  expect(fromAggregates).toBe(sumOfTotals);
  expect(sumOfTotals).toBeGreaterThan(0n);
});
