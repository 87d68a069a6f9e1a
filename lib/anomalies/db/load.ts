/**
 * Daily rollups of one project as `DailyAggregateRow`s: usage_daily summed over providers per
 * (day, feature, customer, model), and outcome_daily per (day, feature, customer, outcome type) on
 * rows with model null, so an outcome is never counted once per model. Set-based SQL, one query each.
 */
import type { Pool } from "pg";
import { usdToFemto } from "@/lib/money";
import type { Day } from "@/lib/calendar/days";
import { type DailyAggregateRow } from "../metrics";
import { TOKEN_CLASSES, type TokenClass } from "@/lib/token-classes";
import type { Dimension } from "../types";

// One sum per token class; the identifiers come from the fixed class list, never from input.
const TOKEN_SUMS = TOKEN_CLASSES.map((c) => `sum(tokens_${c})::bigint AS ${c},`).join("\n");

type UsageRow = {
  day: string;
  feature: string;
  customer: string;
  model: string;
  events: number;
  cost: string;
  token_cost: string;
} & Record<TokenClass, number>;

interface OutcomeRow {
  day: string;
  feature: string;
  customer: string;
  outcome_type: string;
  outcomes: string;
}

// Scope columns, from a fixed list (never from input).
const SCOPE_COLUMNS: Record<Dimension, string> = { feature: "feature", customer: "customer", model: "model" };

/**
 * `scope`: only the rows of one feature, customer or model (the chart of one series needs no
 * more); outcomes carry no model, so a model's rows have none.
 */
export async function loadDailyRows(
  pool: Pool,
  projectId: string,
  from: Day,
  to: Day,
  scope?: { dimension: Dimension; value: string },
): Promise<DailyAggregateRow[]> {
  const where = scope ? `AND ${SCOPE_COLUMNS[scope.dimension]} = $4` : "";
  const params = scope ? [projectId, from, to, scope.value] : [projectId, from, to];
  // ORDER BY names the table's day: a bare `day` is the to_char output, sorted as text.
  const [usage, outcomes] = await Promise.all([
    pool.query<UsageRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, feature, customer, model,
              sum(events)::bigint AS events,
              ${TOKEN_SUMS}
              sum(cost_total)::text AS cost, sum(cost_token)::text AS token_cost
         FROM usage_daily
        WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date ${where}
        GROUP BY day, feature, customer, model
        ORDER BY usage_daily.day, feature, customer, model`,
      params,
    ),
    scope?.dimension === "model"
      ? { rows: [] as OutcomeRow[] }
      : pool.query<OutcomeRow>(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day, feature, customer, outcome_type, quantity::text AS outcomes
         FROM outcome_daily
        WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date ${where}
        ORDER BY outcome_daily.day, feature, customer, outcome_type`,
          params,
        ),
  ]);
  const rows: DailyAggregateRow[] = usage.rows.map((r) => ({
    day: r.day,
    feature: r.feature,
    customer: r.customer,
    model: r.model,
    events: Number(r.events),
    tokens: Object.fromEntries(TOKEN_CLASSES.map((c) => [c, Number(r[c])])),
    costFemto: usdToFemto(r.cost),
    tokenCostFemto: usdToFemto(r.token_cost),
    outcomes: 0,
  }));
  for (const r of outcomes.rows) {
    rows.push({
      day: r.day,
      feature: r.feature,
      customer: r.customer,
      model: null,
      events: 0,
      tokens: {},
      costFemto: 0n,
      outcomes: Number(r.outcomes),
      outcomeType: r.outcome_type,
    });
  }
  return rows;
}

/** The first day with usage or outcomes in `from`..`to`: where the job's series begin (analyse.ts). */
export async function firstDataDay(pool: Pool, projectId: string, from: Day, to: Day): Promise<Day | null> {
  const { rows } = await pool.query<{ day: string | null }>(
    `SELECT to_char(least((SELECT min(day) FROM usage_daily WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date),
                          (SELECT min(day) FROM outcome_daily WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date)), 'YYYY-MM-DD') AS day`,
    [projectId, from, to],
  );
  return rows[0]?.day ?? null;
}
