/**
 * Latency histograms summed per group, element-wise in SQL. Rollup histograms share one fixed
 * bucket layout (lib/ingest/latency-buckets), so sums of histograms are histograms.
 */
import type { Pool } from "pg";
import { LATENCY_BUCKET_LOWER_MS } from "@/lib/ingest/latency-buckets";
import { SqlParams } from "../sql";

export async function sumHistograms(
  pool: Pool,
  input: { table: string; raw?: boolean; keySelect: string; groupBy: string; where: (params: SqlParams) => string },
): Promise<Map<string, number[]>> {
  const params = new SqlParams();
  const where = input.where(params);
  // Raw events: each latency's bucket is the number of bucket lower bounds at or below it,
  // exactly what ingestion's latencyBucket computes.
  const sql = input.raw
    ? `SELECT ${input.keySelect}, width_bucket(latency_ms::float8, ${params.add(LATENCY_BUCKET_LOWER_MS)}::float8[]) + 1 AS i, count(*)::int8 AS c
       FROM ${input.table} WHERE ${where} AND latency_ms IS NOT NULL
       GROUP BY ${input.groupBy}, i`
    : `SELECT ${input.keySelect}, h.i::int4 AS i, sum(h.c)::int8 AS c
     FROM ${input.table}, unnest(latency_histogram) WITH ORDINALITY AS h(c, i)
     WHERE ${where} AND latency_count > 0
     GROUP BY ${input.groupBy}, h.i
     HAVING sum(h.c) > 0`;
  const { rows } = await pool.query<{ group_key: string; group_provider: string | null; i: number; c: number }>(sql, params.values);
  const out = new Map<string, number[]>();
  for (const row of rows) {
    const key = groupId(row.group_key, row.group_provider);
    let histogram = out.get(key);
    if (!histogram) out.set(key, (histogram = []));
    histogram[row.i - 1] = row.c;
  }
  for (const [key, histogram] of out) out.set(key, Array.from(histogram, (value) => value ?? 0));
  return out;
}

export function groupId(key: string, provider: string | null): string {
  return provider === null ? key : `${provider}\u0000${key}`;
}
