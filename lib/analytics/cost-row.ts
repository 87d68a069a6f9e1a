/** Turns summed rollup measures into the read API's cost row, and adds rows up exactly. */
import type { CostRow } from "./contracts";
import { changePct, femto, money, perUnit, ratio } from "./money";
import { usdJson, type Femto } from "@/lib/money";
import { cacheHitRate, COUNT_COLUMNS, decimalText, latencyOf, MONEY_COLUMNS, tokensOf, type MeasureRow } from "./sql";

export interface GroupedMeasures extends MeasureRow {
  group_key: string;
  group_provider: string | null;
}

/** `cost` is the row's cost_total already parsed: the caller adds and sorts by it too. */
export function costRowOf(
  row: GroupedMeasures,
  cost: Femto,
  histogram: readonly number[] | undefined,
  previousSpend: Femto | null,
): CostRow {
  const tokens = tokensOf(row);
  const requests = Number(row.events ?? 0);
  const errors = Number(row.error_events ?? 0);
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
    previous_spend: previousSpend === null ? null : usdJson(previousSpend),
    change_pct: changePct(cost, previousSpend),
  };
}

/**
 * Exact sums of measure rows added one at a time (money in femtodollars, GPU seconds in
 * microseconds, histograms bucket by bucket): one pass over a breakdown's rows, which it
 * converts in the same loop.
 */
export class MeasureTotals {
  private readonly counts = COUNT_COLUMNS.map(() => 0);
  private readonly amounts = MONEY_COLUMNS.map((): Femto => 0n);
  private gpuMicros = 0n;
  private buckets: number[] | undefined;

  /** `cost` is the row's cost_total when the caller parsed it already. */
  add(row: MeasureRow, histogram?: readonly number[], cost?: Femto): void {
    for (let i = 0; i < COUNT_COLUMNS.length; i++) this.counts[i]! += Number(row[COUNT_COLUMNS[i]!] ?? 0);
    for (let i = 0; i < MONEY_COLUMNS.length; i++) {
      const column = MONEY_COLUMNS[i]!;
      this.amounts[i]! += column === "cost_total" && cost !== undefined ? cost : femto(row[column]);
    }
    this.gpuMicros += gpuMicros(row.gpu_seconds);
    if (histogram) {
      const buckets = (this.buckets ??= []);
      for (let i = 0; i < histogram.length; i++) buckets[i] = (buckets[i] ?? 0) + histogram[i]!;
    }
  }

  measures(): MeasureRow {
    const out: Record<string, unknown> = {};
    COUNT_COLUMNS.forEach((column, i) => (out[column] = this.counts[i]));
    MONEY_COLUMNS.forEach((column, i) => (out[column] = usdJson(this.amounts[i]!)));
    out.gpu_seconds = `${this.gpuMicros / 1_000_000n}.${(this.gpuMicros % 1_000_000n).toString().padStart(6, "0")}`;
    return out as unknown as MeasureRow;
  }

  /** The summed histogram, undefined when no row brought one. */
  histogram(): number[] | undefined {
    return this.buckets;
  }

  cost(): Femto {
    return this.amounts[MONEY_COLUMNS.indexOf("cost_total")]!;
  }
}

export function sumMeasures(rows: readonly MeasureRow[]): MeasureRow {
  const totals = new MeasureTotals();
  for (const row of rows) totals.add(row);
  return totals.measures();
}

/** GPU seconds (numeric(20,6) text) in whole microseconds. */
function gpuMicros(numeric: string | null): bigint {
  if (!numeric) return 0n;
  // PostgreSQL writes the column's six places: its digits are the microseconds.
  const point = numeric.length - 7;
  if (numeric.charCodeAt(point) === 46 /* "." */) return BigInt(numeric.slice(0, point) + numeric.slice(point + 1));
  return femto(numeric) / 1_000_000_000n;
}
