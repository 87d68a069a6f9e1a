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
const DIMENSIONS = Object.keys(SCOPE_COLUMNS) as Dimension[];

type Slice = { dimension: Dimension; value: string };

interface LoadOptions {
  /** Only the rows of one feature, customer or model; outcomes carry no model, so a model's rows have none. */
  scope?: Slice;
  /** The usage rows' slice, when narrower than `scope` (cost per outcome: outcomes of every slice, usage of one). */
  usageScope?: Slice;
  /**
   * The dimensions usage rows keep (default: all); the others are summed over and read as "".
   * Without customer they come from usage_daily_model, a fraction of usage_daily's rows.
   */
  usageKeys?: readonly Dimension[];
}

/**
 * The job reads every row; one series' chart needs only its own slice and the dimensions its
 * rows are told apart by (lib/anomalies/db/series.ts).
 */
export async function loadDailyRows(
  pool: Pool,
  projectId: string,
  from: Day,
  to: Day,
  options: LoadOptions = {},
): Promise<DailyAggregateRow[]> {
  const { scope } = options;
  const usageScope = options.usageScope ?? scope;
  const kept = DIMENSIONS.filter((dimension) => !options.usageKeys || options.usageKeys.includes(dimension));
  const usageSource =
    kept.includes("customer") || usageScope?.dimension === "customer" ? "usage_daily" : "usage_daily_model";
  const usageColumns = DIMENSIONS.map((dimension) =>
    kept.includes(dimension) ? SCOPE_COLUMNS[dimension] : `''::text AS ${SCOPE_COLUMNS[dimension]}`,
  );
  const where = (slice: Slice | undefined) => (slice ? `AND ${SCOPE_COLUMNS[slice.dimension]} = $4` : "");
  const params = (slice: Slice | undefined) => (slice ? [projectId, from, to, slice.value] : [projectId, from, to]);
  const groupBy = ["day", ...kept.map((dimension) => SCOPE_COLUMNS[dimension])].join(", ");
  // ORDER BY names the table's day: a bare `day` is the to_char output, sorted as text.
  const [usage, outcomes] = await Promise.all([
    pool.query<UsageRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, ${usageColumns.join(", ")},
              sum(events)::bigint AS events,
              ${TOKEN_SUMS}
              sum(cost_total)::text AS cost, sum(cost_token)::text AS token_cost
         FROM ${usageSource}
        WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date ${where(usageScope)}
        GROUP BY ${groupBy}
        ORDER BY ${usageSource}.${groupBy}`,
      params(usageScope),
    ),
    scope?.dimension === "model"
      ? { rows: [] as OutcomeRow[] }
      : pool.query<OutcomeRow>(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day, feature, customer, outcome_type, quantity::text AS outcomes
         FROM outcome_daily
        WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date ${where(scope)}
        ORDER BY outcome_daily.day, feature, customer, outcome_type`,
          params(scope),
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
