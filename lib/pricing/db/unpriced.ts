/**
 * The models that need a price: unpriced events per (provider, model) from the daily
 * rollup (never raw events), with the near matches the engine suggests for each.
 */
import type { Pool } from "pg";
import type { PriceBook } from "../book";
import { resolvePrice } from "../resolve";

interface UnpricedModel {
  provider: string;
  model: string;
  unpriced_events: number;
  first_day: string;
  last_day: string;
  /** True when the current book would now price it: a re-price is all that is left. */
  priced_now: boolean;
  suggestions: readonly string[];
}

export async function listUnpricedModels(
  pool: Pool,
  projectId: string,
  book: PriceBook,
  period?: { from: string; to: string },
): Promise<UnpricedModel[]> {
  const { rows } = await pool.query<{
    provider: string;
    model: string;
    unpriced: number;
    first_day: string;
    last_day: string;
  }>(
    `SELECT provider, model, sum(unpriced_events)::bigint AS unpriced, min(day)::text AS first_day, max(day)::text AS last_day
       FROM usage_daily_model
      WHERE project_id = $1 AND unpriced_events > 0 AND ($2::date IS NULL OR day >= $2) AND ($3::date IS NULL OR day <= $3)
      GROUP BY provider, model
      ORDER BY unpriced DESC, provider, model
      LIMIT 200`,
    [projectId, period?.from ?? null, period?.to ?? null],
  );
  return rows.map((row) => {
    const resolution = resolvePrice(book, {
      provider: row.provider,
      model: row.model,
      at: Date.parse(`${row.last_day}T12:00:00Z`),
    });
    return {
      provider: row.provider,
      model: row.model,
      unpriced_events: Number(row.unpriced),
      first_day: row.first_day,
      last_day: row.last_day,
      priced_now: resolution.status === "priced",
      suggestions: resolution.status === "unpriced" ? resolution.suggestions : [],
    };
  });
}
