/** Turns summed rollup measures into the read API's cost row, and adds rows up exactly. */
import type { CostRow } from "./contracts";
import { changePct, femto, money, perUnit, ratio } from "./money";
import { usdJson } from "@/lib/money";
import { cacheHitRate, COUNT_COLUMNS, decimalText, latencyOf, MONEY_COLUMNS, tokensOf, type MeasureRow } from "./sql";

export interface GroupedMeasures extends MeasureRow {
  group_key: string;
  group_provider: string | null;
}

export function costRowOf(
  row: GroupedMeasures,
  histogram: readonly number[] | undefined,
  previousSpend: string | null,
): CostRow {
  const tokens = tokensOf(row);
  const requests = Number(row.events ?? 0);
  const errors = Number(row.error_events ?? 0);
  // Cost parsed once for the per-request cost and the change (2,000 rows per customer breakdown).
  const cost = femto(row.cost_total);
  return {
    key: row.group_key,
    provider: row.group_provider,
    spend: money(row.cost_total),
    token_spend: money(row.cost_token),
    gpu_spend: money(row.cost_gpu),
    requests,
    error_events: errors,
    error_rate: ratio(errors, requests),
    unpriced_events: Number(row.unpriced_events ?? 0),
    tokens,
    cost_per_request: perUnit(cost, requests),
    cache_hit_rate: cacheHitRate(tokens),
    gpu_seconds: decimalText(row.gpu_seconds),
    latency: latencyOf(Number(row.latency_count ?? 0), Number(row.latency_sum_ms ?? 0), histogram),
    previous_spend: previousSpend === null ? null : money(previousSpend),
    change_pct: changePct(cost, previousSpend),
  };
}

/** Adds measure rows exactly (money in femtodollars, GPU seconds in microseconds). */
export function sumMeasures(rows: readonly MeasureRow[]): MeasureRow {
  const out: Record<string, unknown> = {};
  for (const column of COUNT_COLUMNS) out[column] = rows.reduce((sum, row) => sum + Number(row[column] ?? 0), 0);
  for (const column of MONEY_COLUMNS) out[column] = usdJson(rows.reduce((sum, row) => sum + femto(row[column]), 0n));
  const micros = rows.reduce((sum, row) => sum + femto(row.gpu_seconds) / 1_000_000_000n, 0n);
  out.gpu_seconds = `${micros / 1_000_000n}.${(micros % 1_000_000n).toString().padStart(6, "0")}`;
  return out as unknown as MeasureRow;
}

export function addHistograms(histograms: Iterable<readonly number[]>): number[] {
  const out: number[] = [];
  for (const histogram of histograms) {
    histogram.forEach((count, i) => {
      out[i] = (out[i] ?? 0) + count;
    });
  }
  return Array.from(out, (value) => value ?? 0);
}
