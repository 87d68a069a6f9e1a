/**
 * The one statement that writes a batch. Data-modifying CTEs run in one statement, hence one
 * transaction and one round trip:
 *
 *   ids      claims every event id in the idempotency ledger (ON CONFLICT DO NOTHING
 *            RETURNING): only ids claimed here are new; the rest were stored before, by an
 *            earlier request or a concurrent one (which we wait for on the unique index).
 *   u, o     the usage and outcome rows whose id was claimed, with their day bucket in the
 *            organisation's timezone.
 *   iu, io   insert those rows.
 *   ud, od   add them to the daily rollups (INSERT ... GROUP BY ... ON CONFLICT DO UPDATE),
 *            so events and aggregates commit together and a retry changes neither.
 *   c, f     create customers and features on first sight, set display names when sent.
 *
 * Every write that can meet a concurrent batch locks its rows in key order (ORDER BY), so two
 * batches never wait on each other in a cycle. Parameters are one array per column.
 */
import { LATENCY_BUCKET_COUNT } from "./latency-buckets";

export const TOKEN_COLUMNS = [
  "tokens_input",
  "tokens_cache_read",
  "tokens_cache_write_5m",
  "tokens_cache_write_1h",
  "tokens_output",
  "tokens_reasoning",
  "tokens_audio_input",
  "tokens_audio_output",
  "tokens_image_input",
  "tokens_image_output",
] as const;

/** Usage columns in parameter order (after $1 project and the three ledger arrays). */
export const USAGE_PARAMS: ReadonlyArray<readonly [string, string]> = [
  ["event_id", "text"],
  ["occurred_at", "timestamptz"],
  ["customer", "text"],
  ["feature", "text"],
  ["provider", "text"],
  ["model", "text"],
  ["service_tier", "text"],
  ...TOKEN_COLUMNS.map((column) => [column, "int8"] as const),
  ["gpu_seconds", "numeric"],
  ["gpu_type", "text"],
  ["gpu_pool", "text"],
  ["latency_ms", "int4"],
  ["latency_bucket", "int4"],
  ["status", "text"],
  ["error_type", "text"],
  ["trace_id", "text"],
  ["session_id", "text"],
  ["metadata", "jsonb"],
  ["cost_token", "numeric"],
  ["cost_gpu", "numeric"],
  ["cost_total", "numeric"],
  ["cost_source", "text"],
  ["price_entry_id", "text"],
  ["pricing", "jsonb"],
];

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
export const PARAM_COUNT = dimensionFirst + 3;

const usageColumns = USAGE_PARAMS.map(([name]) => name).filter((name) => name !== "latency_bucket");
const outcomeColumns = OUTCOME_PARAMS.map(([name]) => name);
const usageKey = "day, feature, customer, provider, model";
const outcomeKey = "day, feature, customer, outcome_type";
const histogram = `ARRAY[${Array.from({ length: LATENCY_BUCKET_COUNT }, (_, i) => `count(*) FILTER (WHERE latency_bucket = ${i})`).join(", ")}]`;
// Element-wise sum; coalesce keeps rows written with a shorter array (the column default is '{}').
const mergedHistogram = `ARRAY[${Array.from({ length: LATENCY_BUCKET_COUNT }, (_, i) => `coalesce(d.latency_histogram[${i + 1}], 0) + EXCLUDED.latency_histogram[${i + 1}]`).join(", ")}]::bigint[]`;
const added = (columns: readonly string[]) => columns.map((column) => `${column} = d.${column} + EXCLUDED.${column}`).join(",\n      ");

export const INGEST_SQL = `
WITH org AS (
  SELECT o.timezone FROM projects p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1
),
ids AS (
  INSERT INTO event_ids (project_id, event_id, kind, occurred_at)
  SELECT $1, s.event_id, s.kind, s.occurred_at
  FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS s(event_id, kind, occurred_at)
  ORDER BY s.event_id
  ON CONFLICT DO NOTHING
  RETURNING event_id
),
u AS (
  SELECT s.*, (s.occurred_at AT TIME ZONE (SELECT timezone FROM org))::date AS day
  FROM ${unnestOf(USAGE_PARAMS, usageFirst)}
  WHERE s.event_id IN (SELECT event_id FROM ids)
),
iu AS (
  INSERT INTO usage_events (project_id, ${usageColumns.join(", ")})
  SELECT $1, ${usageColumns.join(", ")} FROM u
),
ud AS (
  INSERT INTO usage_daily AS d (project_id, ${usageKey}, events, error_events, unpriced_events,
    ${TOKEN_COLUMNS.join(", ")}, gpu_seconds, cost_token, cost_gpu, cost_total,
    latency_count, latency_sum_ms, latency_histogram)
  SELECT $1, ${usageKey}, count(*), count(*) FILTER (WHERE status = 'error'),
    count(*) FILTER (WHERE cost_source = 'unpriced'),
    ${TOKEN_COLUMNS.map((column) => `sum(${column})`).join(", ")},
    sum(gpu_seconds), sum(cost_token), sum(cost_gpu), sum(cost_total),
    count(latency_ms), coalesce(sum(latency_ms), 0), ${histogram}
  FROM u
  GROUP BY ${usageKey}
  ORDER BY ${usageKey}
  ON CONFLICT (project_id, ${usageKey}) DO UPDATE SET
      ${added(["events", "error_events", "unpriced_events", ...TOKEN_COLUMNS, "gpu_seconds", "cost_token", "cost_gpu", "cost_total", "latency_count", "latency_sum_ms"])},
      latency_histogram = ${mergedHistogram}
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
SELECT event_id FROM ids`;
