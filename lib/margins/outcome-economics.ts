/**
 * What an outcome costs to produce, per feature and outcome type: the break-even price and how
 * much the cost per outcome varies (a wide spread is a pricing risk for per-outcome plans).
 */
import { divideRounded, type Femto } from "@/lib/money";
import { percentile } from "./amounts";
import { compareText, type CustomerPeriodUsage } from "./types";

/**
 * "customers": one sample per customer with outcomes, that customer's feature cost / its outcomes.
 * "days": one sample per day with outcomes, the feature's cost that day (all customers) / outcomes.
 */
export type SpreadOver = "customers" | "days";

export interface OutcomeEconomics {
  feature: string;
  outcomeType: string;
  outcomes: number;
  /** Sum of the outcomes' declared values. */
  value: Femto;
  /** Cost of the whole feature over the period, every customer included. */
  cost: Femto;
  /** cost / outcomes (half-even): the price per outcome at which the feature breaks even when this type alone pays for it. Null without outcomes. */
  breakEvenPrice: Femto | null;
  spreadOver: SpreadOver;
  /** Number of samples behind the percentiles. */
  samples: number;
  p10: Femto | null;
  p50: Femto | null;
  p90: Femto | null;
  /** Customers (or days) with cost in the feature but none of these outcomes: in `cost`, not in the spread. */
  withoutOutcomes: number;
}

export function outcomeEconomics(
  customers: readonly CustomerPeriodUsage[],
  spreadOver: SpreadOver = "customers",
): OutcomeEconomics[] {
  const sampleKey = (customer: string, day: string) => (spreadOver === "customers" ? customer : day);
  const featureCost = new Map<string, bigint>();
  const costBySample = new Map<string, Map<string, bigint>>();
  const totals = new Map<
    string,
    { feature: string; outcomeType: string; outcomes: number; value: bigint; bySample: Map<string, number> }
  >();
  for (const { customer, outcomes } of customers) {
    for (const row of outcomes) {
      const id = `${row.feature}\u0000${row.outcomeType}`;
      const entry = totals.get(id) ?? {
        feature: row.feature,
        outcomeType: row.outcomeType,
        outcomes: 0,
        value: 0n,
        bySample: new Map(),
      };
      totals.set(id, entry);
      entry.outcomes += row.count;
      entry.value += row.value;
      const key = sampleKey(customer, row.day);
      entry.bySample.set(key, (entry.bySample.get(key) ?? 0) + row.count);
    }
  }
  // Costs only of features with outcomes: no other feature is reported.
  const withOutcomes = new Set([...totals.values()].map((entry) => entry.feature));
  for (const { customer, usage } of withOutcomes.size === 0 ? [] : customers) {
    for (const row of usage) {
      if (!withOutcomes.has(row.feature)) continue;
      featureCost.set(row.feature, (featureCost.get(row.feature) ?? 0n) + row.cost);
      const samples = costBySample.get(row.feature) ?? new Map<string, bigint>();
      costBySample.set(row.feature, samples);
      const key = sampleKey(customer, row.day);
      samples.set(key, (samples.get(key) ?? 0n) + row.cost);
    }
  }
  return [...totals.values()]
    .sort((a, b) => compareText(a.feature, b.feature) || compareText(a.outcomeType, b.outcomeType))
    .map((entry) => {
      const cost = featureCost.get(entry.feature) ?? 0n;
      const costs = costBySample.get(entry.feature) ?? new Map<string, bigint>();
      const values: bigint[] = [];
      for (const [key, count] of entry.bySample)
        if (count > 0) values.push(divideRounded(costs.get(key) ?? 0n, BigInt(count)));
      let withoutOutcomes = 0;
      for (const [key, sampleCost] of costs)
        if (sampleCost > 0n && !((entry.bySample.get(key) ?? 0) > 0)) withoutOutcomes += 1;
      return {
        feature: entry.feature,
        outcomeType: entry.outcomeType,
        outcomes: entry.outcomes,
        value: entry.value,
        cost,
        breakEvenPrice: entry.outcomes > 0 ? divideRounded(cost, BigInt(entry.outcomes)) : null,
        spreadOver,
        samples: values.length,
        p10: percentile(values, 10),
        p50: percentile(values, 50),
        p90: percentile(values, 90),
        withoutOutcomes,
      };
    });
}
