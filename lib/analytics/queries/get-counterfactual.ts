/**
 * "What would this feature (or customer) have cost on model X?" Re-prices the real token
 * history, read from the rollups as tokens by class per day and source model, on the target
 * model with the pricing engine. A counterfactual only: it reads, it never writes.
 *
 * Assumptions (also returned in the response):
 * - The target would have used the same token counts in every class (same prompts, same cache
 *   behaviour, same output and reasoning lengths); tokenizers differ, so this is an estimate.
 * - Standard service tier. The long-context band is chosen by the average request of each
 *   day and source model (rollups do not keep each request's prompt size).
 * - `price_date=each_day` prices each day at the target's price in force that day (noon UTC);
 *   `current` prices every day at today's price.
 * - Usage that was unpriced has no actual cost to compare with, so it is left out of both
 *   sides and counted in `excluded`. GPU cost of self-hosted sources is part of the actual
 *   cost; the API target has none.
 */
import type { Pool } from "pg";
import { createPriceBook, type PriceBook } from "@/lib/pricing/book";
import { applyMarkup, priceUsage } from "@/lib/pricing/cost";
import type { CanonicalTokens, TokenClass } from "@/lib/token-classes";
import type { CompareQuery, CompareResponse, Filters } from "../contracts";
import { invalidField, type DomainError } from "@/lib/errors";
import { femto, share } from "../money";
import { usdJson } from "@/lib/money";
import type { ResolvedPeriod } from "../period";
import {
  filterDims,
  MEASURES_SQL,
  pickSource,
  rollupWhere,
  SqlParams,
  TOKEN_FIELDS,
  tokensOf,
  type MeasureRow,
  type SourceMode,
} from "../sql";
import { sumMeasures } from "../cost-row";

interface CounterfactualInput {
  projectId: string;
  period: ResolvedPeriod;
  dimension: CompareQuery["dimension"];
  key?: string;
  targetModel: string;
  targetProvider?: string;
  priceDate: CompareQuery["price_date"];
  filters: Filters;
  /** The project's price book (catalog, overrides, aliases); the catalog alone by default. */
  book?: PriceBook;
  now?: Date;
  source?: SourceMode;
}

interface SourceDay extends MeasureRow {
  day: string;
  provider: string;
  model: string;
}

const ASSUMPTIONS = [
  "Same token counts in every class on the target model (same prompts, cache hits, output and reasoning lengths).",
  "Standard service tier; the long-context price band is chosen by the average request per day and source model.",
  "Usage without a price is left out of both sides.",
  "GPU cost of self-hosted sources counts in the actual cost; the target has no GPU cost.",
];

export async function getCounterfactual(pool: Pool, input: CounterfactualInput): Promise<CompareResponse> {
  const book = input.book ?? createPriceBook();
  const now = input.now ?? new Date();
  const filters: Filters = { ...input.filters };
  if (input.dimension !== "all") filters[input.dimension] = [input.key ?? ""];
  const table = pickSource(["provider", "model", ...filterDims(filters)], input.source);
  const { current } = input.period;

  const params = new SqlParams();
  const { rows } = await pool.query<SourceDay>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, provider, model, ${MEASURES_SQL}
     FROM ${table} WHERE ${rollupWhere(params, input.projectId, current.from, current.to, filters, input.source)}
     GROUP BY day, provider, model ORDER BY day, provider, model`,
    params.values,
  );

  const entryIds = new Set<string>();
  let target: { provider: string; model: string } | undefined;
  const bySource = new Map<
    string,
    { provider: string; model: string; rows: SourceDay[]; actual: bigint; counterfactual: bigint }
  >();
  const byDay = new Map<string, { actual: bigint; counterfactual: bigint }>();
  let excluded = 0;

  for (const row of rows) {
    const events = Number(row.events ?? 0);
    if (Number(row.unpriced_events ?? 0) > 0 || events === 0) {
      excluded += events;
      continue;
    }
    const at = input.priceDate === "current" ? now : new Date(`${row.day}T12:00:00Z`);
    const priced = repriceDay(book, input, row, at);
    entryIds.add(priced.entryId);
    target ??= { provider: priced.provider, model: priced.model };

    const actual = femto(row.cost_total);
    const sourceKey = `${row.provider}\u0000${row.model}`;
    let source = bySource.get(sourceKey);
    if (!source)
      bySource.set(
        sourceKey,
        (source = { provider: row.provider, model: row.model, rows: [], actual: 0n, counterfactual: 0n }),
      );
    source.rows.push(row);
    source.actual += actual;
    source.counterfactual += priced.cost;
    const day = byDay.get(row.day) ?? { actual: 0n, counterfactual: 0n };
    day.actual += actual;
    day.counterfactual += priced.cost;
    byDay.set(row.day, day);
  }

  target ??= resolveTargetName(book, input, now);
  const actual = [...bySource.values()].reduce((sum, source) => sum + source.actual, 0n);
  const counterfactual = [...bySource.values()].reduce((sum, source) => sum + source.counterfactual, 0n);
  const saving = actual - counterfactual;
  return {
    period: current,
    dimension: input.dimension,
    key: input.dimension === "all" ? null : (input.key ?? ""),
    target: { ...target, price_entry_ids: [...entryIds].sort(), price_date: input.priceDate },
    requests: [...bySource.values()].reduce(
      (sum, source) => sum + source.rows.reduce((n, row) => n + Number(row.events ?? 0), 0),
      0,
    ),
    actual: usdJson(actual),
    counterfactual: usdJson(counterfactual),
    saving: usdJson(saving),
    saving_share: share(usdJson(saving), usdJson(actual)),
    by_source: [...bySource.values()]
      .sort((a, b) => (b.actual > a.actual ? 1 : b.actual < a.actual ? -1 : 0))
      .map((source) => {
        const sum = sumMeasures(source.rows);
        return {
          provider: source.provider,
          model: source.model,
          requests: Number(sum.events ?? 0),
          tokens: tokensOf(sum),
          actual: usdJson(source.actual),
          counterfactual: usdJson(source.counterfactual),
        };
      }),
    by_day: [...byDay].map(([day, value]) => ({
      day,
      actual: usdJson(value.actual),
      counterfactual: usdJson(value.counterfactual),
    })),
    excluded: { requests: excluded, reason: excluded > 0 ? "unpriced usage has no actual cost to compare with" : null },
    assumptions: ASSUMPTIONS,
  };
}

/**
 * Prices one day of one source model on the target: the unit prices come from pricing the
 * day's average request (which picks the band), then every class is charged count x unit
 * exactly, with the entry's markup applied per class as the engine does.
 */
function repriceDay(book: PriceBook, input: CounterfactualInput, row: SourceDay, at: Date) {
  const events = Number(row.events);
  const totals: Partial<Record<TokenClass, number>> = {};
  const average: CanonicalTokens = {};
  for (const [name, column] of TOKEN_FIELDS) {
    const count = Number(row[column] ?? 0);
    if (count <= 0) continue;
    totals[name] = count;
    average[name] = Math.max(1, Math.round(count / events));
  }
  const result = priceUsage(
    {
      provider: input.targetProvider,
      model: input.targetModel,
      tokens: average,
      occurredAt: at,
      serviceTier: "standard",
    },
    book,
  );
  if (result.source === "unpriced") throw unpricedTarget(result.reason, result.detail, result.suggestions);
  let cost = 0n;
  for (const [name, count] of Object.entries(totals) as [TokenClass, number][]) {
    const provenance = result.provenance[name]!;
    const base = BigInt(count) * provenance.unitFemto;
    cost += provenance.markupPct === undefined ? base : applyMarkup(base, provenance.markupPct);
  }
  return { cost, entryId: result.entryId, provider: result.provider, model: result.model };
}

function resolveTargetName(
  book: PriceBook,
  input: CounterfactualInput,
  now: Date,
): { provider: string; model: string } {
  const probe = priceUsage(
    { provider: input.targetProvider, model: input.targetModel, tokens: { input: 1 }, occurredAt: now },
    book,
  );
  if (probe.source === "unpriced") throw unpricedTarget(probe.reason, probe.detail, probe.suggestions);
  return { provider: probe.provider, model: probe.model };
}

function unpricedTarget(reason: string, detail: string, suggestions: readonly string[]): DomainError {
  const hint = suggestions.length ? ` (did you mean ${suggestions.join(", ")}?)` : "";
  const why = reason === "class_not_priced" ? `the target cannot price this usage: ${detail}` : `${detail}${hint}`;
  return invalidField("target_model", why);
}
