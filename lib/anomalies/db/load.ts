/**
 * Daily rollups of one project as `DailyAggregateRow`s: usage_daily summed over providers per
 * (day, feature, customer, model), and outcome_daily per (day, feature, customer) on rows with
 * model null, so an outcome is never counted once per model. Set-based SQL, one query each.
 */
import type { Pool } from "pg";
import { usdToFemto } from "@/lib/money";
import type { Day } from "../days";
import type { DailyAggregateRow } from "../metrics";

interface UsageRow {
  day: string;
  feature: string;
  customer: string;
  model: string;
  events: number;
  input: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning: number;
  audio: number;
  image: number;
  cost: string;
}

interface OutcomeRow {
  day: string;
  feature: string;
  customer: string;
  outcomes: string;
}

export async function loadDailyRows(pool: Pool, projectId: string, from: Day, to: Day): Promise<DailyAggregateRow[]> {
  const [usage, outcomes] = await Promise.all([
    pool.query<UsageRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, feature, customer, model,
              sum(events)::bigint AS events,
              sum(tokens_input)::bigint AS input,
              sum(tokens_cache_read)::bigint AS cache_read,
              sum(tokens_cache_write_5m + tokens_cache_write_1h)::bigint AS cache_write,
              sum(tokens_output)::bigint AS output,
              sum(tokens_reasoning)::bigint AS reasoning,
              sum(tokens_audio_input + tokens_audio_output)::bigint AS audio,
              sum(tokens_image_input + tokens_image_output)::bigint AS image,
              sum(cost_total)::text AS cost
         FROM usage_daily
        WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date
        GROUP BY day, feature, customer, model
        ORDER BY day, feature, customer, model`,
      [projectId, from, to],
    ),
    pool.query<OutcomeRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, feature, customer, sum(quantity)::text AS outcomes
         FROM outcome_daily
        WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date
        GROUP BY day, feature, customer
        ORDER BY day, feature, customer`,
      [projectId, from, to],
    ),
  ]);
  const rows: DailyAggregateRow[] = usage.rows.map((r) => ({
    day: r.day,
    feature: r.feature,
    customer: r.customer,
    model: r.model,
    events: Number(r.events),
    tokens: {
      input: Number(r.input),
      cacheRead: Number(r.cache_read),
      cacheWrite: Number(r.cache_write),
      output: Number(r.output),
      reasoning: Number(r.reasoning),
      audio: Number(r.audio),
      image: Number(r.image),
    },
    costFemto: usdToFemto(r.cost),
    outcomes: 0,
  }));
  for (const r of outcomes.rows) {
    rows.push({ day: r.day, feature: r.feature, customer: r.customer, model: null, events: 0, tokens: {}, costFemto: 0n, outcomes: Number(r.outcomes) });
  }
  return rows;
}
