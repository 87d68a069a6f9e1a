/**
 * The two statements that write a batch, in one transaction (write.ts):
 *
 * INSERT_EVENTS_SQL (data-modifying CTEs: one statement, one round trip)
 *   ids      claims every event id in the idempotency ledger (ON CONFLICT DO NOTHING
 *            RETURNING): only ids claimed here are new; the rest were stored before, by an
 *            earlier request or a concurrent one (which we wait for on the unique index).
 *   u, o     the usage and outcome rows whose id was claimed.
 *   iu, io   insert those rows.
 *   od       adds the outcomes to outcome_daily (few rows: grouped here).
 *   c, f     create customers and features on first sight, set display names when sent.
 *   It returns each claimed id with its day in the organisation's timezone.
 *
 * The claimed usage, summed per key in TypeScript (rollup-deltas.ts), then goes to every rollup
 * level through lib/rollups/write.ts.
 *
 * Every write that can meet a concurrent batch locks its rows in key order (ORDER BY), the
 * order re-pricing locks them in too, so two writers never wait on each other in a cycle.
 * Parameters are one array per column.
 */
import { TOKEN_CLASSES } from "@/lib/token-classes";

export const TOKEN_COLUMNS = TOKEN_CLASSES.map((tokenClass) => `tokens_${tokenClass}` as const);

/** Usage columns in parameter order (after $1 project and the three ledger arrays). */
const USAGE_PARAMS: ReadonlyArray<readonly [string, string]> = [
  ["event_id", "text"],
  ["occurred_at", "timestamptz"],
  ["customer", "text"],
  ["feature", "text"],
  ["provider", "text"],
  ["model", "text"],
  ["service_tier", "text"],
  ...TOKEN_COLUMNS.map((column) => [column, "int8"] as const),
  ["unit", "text"],
  ["unit_quantity", "int8"],
  ["gpu_seconds", "numeric"],
  ["gpu_type", "text"],
  ["gpu_pool", "text"],
  ["latency_ms", "int4"],
  ["status", "text"],
  ["error_type", "text"],
  ["trace_id", "text"],
  ["session_id", "text"],
  ["metadata", "int4"],
  ["cost_token", "numeric"],
  ["cost_gpu", "numeric"],
  ["cost_total", "numeric"],
  ["cost_source", "text"],
  ["price_entry_id", "text"],
  ["pricing", "int4"],
];

/**
 * Usage columns sent as a dictionary: a jsonb[] of the batch's distinct values (after the
 * dimension arrays) and, per row, its 1-based position in it. A batch holds a handful of
 * distinct pricing provenances and metadata objects, so each is sent and parsed once.
 */
const USAGE_DICTIONARY_COLUMNS = ["metadata", "pricing"] as const;

export const OUTCOME_PARAMS: ReadonlyArray<readonly [string, string]> = [
  ["event_id", "text"],
  ["occurred_at", "timestamptz"],
  ["customer", "text"],
  ["feature", "text"],
  ["outcome_type", "text"],
  ["quantity", "numeric"],
  ["value", "numeric"],
  ["metadata", "jsonb"],
];

function unnestOf(params: ReadonlyArray<readonly [string, string]>, first: number): string {
  const args = params.map(([, type], i) => `$${first + i}::${type}[]`).join(", ");
  const names = params.map(([name]) => name).join(", ");
  return `unnest(${args}) AS s(${names})`;
}

const usageFirst = 5;
const outcomeFirst = usageFirst + USAGE_PARAMS.length;
const dimensionFirst = outcomeFirst + OUTCOME_PARAMS.length;

const usageColumns = USAGE_PARAMS.map(([name]) => name);
const dictionaryFirst = dimensionFirst + 4;
const usageValues = usageColumns.map((name) => {
  const dictionary = (USAGE_DICTIONARY_COLUMNS as readonly string[]).indexOf(name);
  return dictionary < 0 ? name : `($${dictionaryFirst + dictionary}::jsonb[])[${name}]`;
});
const outcomeColumns = OUTCOME_PARAMS.map(([name]) => name);
const outcomeKey = "day, feature, customer, outcome_type";
const added = (columns: readonly string[]) =>
  columns.map((column) => `${column} = d.${column} + EXCLUDED.${column}`).join(",\n      ");

export const INSERT_EVENTS_SQL = `
WITH org AS (
  SELECT o.timezone FROM projects p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1
),
ids AS (
  INSERT INTO event_ids (project_id, event_id, kind, occurred_at)
  SELECT $1, s.event_id, s.kind, s.occurred_at
  FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS s(event_id, kind, occurred_at)
  ORDER BY s.event_id
  ON CONFLICT DO NOTHING
  RETURNING event_id, occurred_at
),
u AS (
  SELECT s.* FROM ${unnestOf(USAGE_PARAMS, usageFirst)}
  WHERE s.event_id IN (SELECT event_id FROM ids)
),
iu AS (
  INSERT INTO usage_events (project_id, ${usageColumns.join(", ")})
  SELECT $1, ${usageValues.join(", ")} FROM u
),
o AS (
  SELECT s.*, (s.occurred_at AT TIME ZONE (SELECT timezone FROM org))::date AS day
  FROM ${unnestOf(OUTCOME_PARAMS, outcomeFirst)}
  WHERE s.event_id IN (SELECT event_id FROM ids)
),
io AS (
  INSERT INTO outcome_events (project_id, ${outcomeColumns.join(", ")})
  SELECT $1, ${outcomeColumns.join(", ")} FROM o
),
od AS (
  INSERT INTO outcome_daily AS d (project_id, ${outcomeKey}, events, quantity, value)
  SELECT $1, ${outcomeKey}, count(*), sum(quantity), coalesce(sum(value), 0)
  FROM o
  GROUP BY ${outcomeKey}
  ORDER BY ${outcomeKey}
  ON CONFLICT (project_id, ${outcomeKey}) DO UPDATE SET
      ${added(["events", "quantity", "value"])}
),
c AS (
  INSERT INTO customers AS d (project_id, external_id, display_name)
  SELECT $1, s.external_id, s.display_name
  FROM unnest($${dimensionFirst}::text[], $${dimensionFirst + 1}::text[]) AS s(external_id, display_name)
  ORDER BY s.external_id
  ON CONFLICT (project_id, external_id) DO UPDATE SET display_name = EXCLUDED.display_name
    WHERE EXCLUDED.display_name IS NOT NULL AND d.display_name IS DISTINCT FROM EXCLUDED.display_name
),
f AS (
  INSERT INTO features AS d (project_id, key, display_name)
  SELECT $1, s.key, s.display_name
  FROM unnest($${dimensionFirst + 2}::text[], $${dimensionFirst + 3}::text[]) AS s(key, display_name)
  ORDER BY s.key
  ON CONFLICT (project_id, key) DO UPDATE SET display_name = EXCLUDED.display_name
    WHERE EXCLUDED.display_name IS NOT NULL AND d.display_name IS DISTINCT FROM EXCLUDED.display_name
)
SELECT event_id, (occurred_at AT TIME ZONE (SELECT timezone FROM org))::date::text AS day FROM ids`;
