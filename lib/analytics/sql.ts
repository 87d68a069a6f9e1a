/**
 * SQL building blocks shared by the rollup queries. Values always travel as driver parameters;
 * identifiers (tables, group-by columns) come only from the whitelists below.
 */
import pg from "pg";
import { LATENCY_BUCKET_LOWER_MS, LATENCY_PACK_DIGITS, latencyQuantile } from "@/lib/ingest/latency-buckets";
import { TOKEN_CLASSES } from "@/lib/token-classes";
import type { Dimension, Filters, Latency, Tokens } from "./contracts";

// Counts come back as JS numbers (token totals stay far below 2^53), as lib/db/client also sets:
// repeated here so the queries behave the same on any pool (benchmarks, scripts).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Where a query reads from. `levels` (the default) picks the smallest rollup that has the
 * dimensions it needs: usage_daily holds every dimension; usage_daily_model (no customer) and
 * usage_daily_customer (customer only) are kept in step with it by the write path. `daily` reads
 * usage_daily only, and `raw` computes the same rows from raw usage_events: both exist so the
 * benchmark and the tests can check that every path gives the same numbers.
 */
export type SourceMode = "levels" | "daily" | "raw";

interface RollupLevel {
  table: string;
  dims: ReadonlySet<Dimension>;
}

const ALL_DIMS = new Set<Dimension>(["feature", "customer", "provider", "model"]);

/** Smallest first: a project has far fewer (feature, model) pairs than customers. */
const ROLLUP_LEVELS: readonly RollupLevel[] = [
  { table: "usage_daily_model", dims: new Set<Dimension>(["feature", "provider", "model"]) },
  { table: "usage_daily_customer", dims: new Set<Dimension>(["customer"]) },
  { table: "usage_daily", dims: ALL_DIMS },
];

/** Each token class of the pricing contract with its column in events and rollups. */
export const TOKEN_FIELDS = TOKEN_CLASSES.map((name) => [name, `tokens_${name}`] as const);

/** usage_events shaped like a rollup (one row per event, day in the organisation's timezone). */
const RAW_SOURCE = `(SELECT e.project_id, e.occurred_at, (e.occurred_at AT TIME ZONE o.timezone)::date AS day,
    e.feature, e.customer, e.provider, e.model, 1::int8 AS events,
    (e.status = 'error')::int::int8 AS error_events, (e.cost_source = 'unpriced')::int::int8 AS unpriced_events,
    ${TOKEN_FIELDS.map(([, column]) => `e.${column}`).join(", ")}, e.gpu_seconds, e.cost_token, e.cost_gpu, e.cost_total,
    (e.latency_ms IS NOT NULL)::int::int8 AS latency_count, coalesce(e.latency_ms, 0)::int8 AS latency_sum_ms,
    CASE WHEN e.latency_ms IS NOT NULL THEN width_bucket(e.latency_ms::float8, '{${LATENCY_BUCKET_LOWER_MS.join(",")}}'::float8[]) END AS latency_bucket
  FROM usage_events e JOIN projects p ON p.id = e.project_id JOIN organizations o ON o.id = p.org_id) AS raw`;

/** The FROM expression: the smallest rollup with every dimension the query groups or filters by. */
export function pickSource(needed: Iterable<Dimension>, mode: SourceMode = "levels"): string {
  if (mode === "raw") return RAW_SOURCE;
  if (mode === "daily") return "usage_daily";
  const wanted = [...needed];
  return ROLLUP_LEVELS.find((level) => wanted.every((dim) => level.dims.has(dim)))!.table;
}

export function filterDims(filters: Filters): Dimension[] {
  return (["feature", "customer", "model", "provider"] as const).filter(
    (dim) => filters[dim] !== undefined && filters[dim]!.length > 0,
  );
}

/** `project_id = $1 AND day BETWEEN ... AND <filters>`: the tenant always comes first. */
export function rollupWhere(
  params: SqlParams,
  projectId: string,
  from: string,
  to: string,
  filters: Filters,
  mode: SourceMode = "levels",
): string {
  const first = params.add(from);
  const last = params.add(to);
  const parts = [`project_id = ${params.add(projectId)}::uuid`, `day BETWEEN ${first}::date AND ${last}::date`];
  // Raw events: also bound the instant (a day in any timezone lies within these) so the
  // primary key (project_id, occurred_at, ...) narrows the scan, as a fair baseline should.
  if (mode === "raw") parts.push(`occurred_at >= ${first}::date - 1 AND occurred_at < ${last}::date + 2`);
  for (const dim of filterDims(filters)) parts.push(`${dim} = ANY(${params.add(filters[dim])}::text[])`);
  return parts.join(" AND ");
}

/**
 * A bigint sum that stays bigint (the sum_int8 aggregate of migration analytics_int8_sum):
 * sum() over bigint goes through numeric, several times slower per row and per group.
 */
export function sumInt8(expression: string): string {
  return `sum_int8(${expression})`;
}

/** The bigint measures of every rollup row. */
export const COUNT_COLUMNS = [
  "events",
  "error_events",
  "unpriced_events",
  ...TOKEN_FIELDS.map(([, column]) => column),
  "latency_count",
  "latency_sum_ms",
] as const;
/** The money measures of every rollup row (numeric dollars). */
export const MONEY_COLUMNS = ["cost_token", "cost_gpu", "cost_total"] as const;
const DECIMAL_COLUMNS = ["gpu_seconds", ...MONEY_COLUMNS];

/**
 * The measures a rollup query selects (bigints come back as numbers, money as text): summed per
 * group, or `perRow` as they are, for sources that already hold one row per group.
 */
export function measuresSql(perRow = false): string {
  return [
    ...COUNT_COLUMNS.map((column) => `${perRow ? column : sumInt8(column)} AS ${column}`),
    ...DECIMAL_COLUMNS.map((column) => `${perRow ? column : `sum(${column})`}::text AS ${column}`),
  ].join(", ");
}

/** The summed measures every grouped rollup query selects. */
export const MEASURES_SQL = measuresSql();

/**
 * The latency histogram summed over the rows, packed (see packHistogram): rollups add their
 * packed column with one sum(); raw events add 10^(18 * bucket) each, the bucket being the
 * number of bucket lower bounds at or below the latency, exactly as ingestion's latencyBucket
 * computes it. Read it with unpackHistogram.
 */
export function histogramSql(mode: SourceMode = "levels", perRow = false): string {
  if (perRow) return "latency_histogram_packed::text AS histogram";
  const summed =
    mode === "raw"
      ? `sum(('1' || repeat('0', ${LATENCY_PACK_DIGITS} * latency_bucket))::numeric) FILTER (WHERE latency_bucket IS NOT NULL)`
      : "sum(latency_histogram_packed)";
  return `coalesce(${summed}, 0)::text AS histogram`;
}

export interface MeasureRow {
  events: number | null;
  error_events: number | null;
  unpriced_events: number | null;
  tokens_input: number | null;
  tokens_cache_read: number | null;
  tokens_cache_write_5m: number | null;
  tokens_cache_write_1h: number | null;
  tokens_output: number | null;
  tokens_reasoning: number | null;
  tokens_audio_input: number | null;
  tokens_audio_output: number | null;
  tokens_image_input: number | null;
  tokens_image_output: number | null;
  gpu_seconds: string | null;
  cost_token: string | null;
  cost_gpu: string | null;
  cost_total: string | null;
  latency_count: number | null;
  latency_sum_ms: number | null;
  /** Packed (histogramSql). */
  histogram?: string;
}

export function tokensOf(row: Partial<MeasureRow>): Tokens {
  const tokens = { total: 0 } as Tokens;
  for (const [name, column] of TOKEN_FIELDS) {
    const value = Number(row[column] ?? 0);
    tokens[name] = value;
    tokens.total += value;
  }
  return tokens;
}

/** cache_read / (input + cache_read + cache writes): the share of prompt tokens read from cache. */
export function cacheHitRate(tokens: Tokens): number | null {
  const prompt = tokens.input + tokens.cache_read + tokens.cache_write_5m + tokens.cache_write_1h;
  return prompt > 0 ? tokens.cache_read / prompt : null;
}

export function latencyOf(count: number, sumMs: number, histogram: readonly number[] | undefined): Latency {
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    count,
    mean_ms: count > 0 ? round(sumMs / count) : null,
    p50_ms: histogram ? round(latencyQuantile(histogram, 0.5)) : null,
    p95_ms: histogram ? round(latencyQuantile(histogram, 0.95)) : null,
  };
}

/** Numeric text as a decimal string without trailing zeros ("12.500000" -> "12.5", "0" -> "0"). */
export function decimalText(numeric: string | null | undefined): string {
  if (!numeric) return "0";
  if (!numeric.includes(".")) return numeric;
  return numeric.replace(/0+$/, "").replace(/\.$/, "");
}
