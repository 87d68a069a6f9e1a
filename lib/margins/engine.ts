/**
 * The margin engine: for a period, per customer and per feature, cost, revenue under the customer's
 * plans, gross margin and margin %, the same under other plans side by side, and the summaries a
 * pricing page needs. Pure: the caller loads the daily rollups, plans and assignments.
 *
 * Imported revenue (actual billing, per customer and calendar month) replaces the computed revenue
 * of that customer-month. A month the period covers only in part takes imported × covered days /
 * days in the month. It is split over features by the computed revenue of that month, else by cost,
 * else booked to `UNALLOCATED_FEATURE`. Comparisons with other plans always use computed revenue.
 */
import type { Femto } from "@/lib/money";
import { allocate, marginPercent, prorate } from "./amounts";
import { planSpans, customersWithOverrides, type PlanAssignment, type PlanSpan } from "./assignments";
import { dayCount } from "@/lib/calendar/days";
import {
  assertPeriod,
  clipToMonth,
  daysInMonth,
  monthOf,
  monthsOf,
  type Month,
  type Period,
} from "@/lib/calendar/months";
import { marginHistogram, revenueAtRisk, type HistogramBucket, type RevenueAtRisk } from "./distribution";
import { outcomeEconomics, type OutcomeEconomics, type SpreadOver } from "./outcome-economics";
import type { Plan } from "./plans";
import { versionSegments, type PlanVersion } from "./plan-versions";
import { computeRevenue, UNALLOCATED_FEATURE, type AllowanceUse, type PlanSegment, type RevenueLine } from "./revenue";
import { compareText, type CustomerPeriodUsage, type ImportedRevenue } from "./types";

export interface MarginInput {
  period: Period;
  /** One entry per customer; customers with an override or imported revenue are added when missing. */
  customers: readonly CustomerPeriodUsage[];
  plans: readonly Plan[];
  assignments: readonly PlanAssignment[];
  /** Plans to compare with, each applied to every customer for the whole period. */
  comparePlanIds?: readonly string[];
  importedRevenue?: readonly ImportedRevenue[];
  histogramEdges?: readonly number[];
  spreadOver?: SpreadOver;
  /**
   * Fully loaded cost on top of usage cost (lib/pricing/fully-loaded.ts): per customer and feature
   * (key `customer NUL feature`), idle GPU time and fixed costs; and the lines kept unallocated.
   * Absent: margin is on usage cost.
   */
  loaded?: LoadedCosts;
  /** Effective-dated versions of the plans; a plan without versions charges as `plans` has it. */
  planVersions?: readonly PlanVersion[];
}

export interface LoadedCosts {
  extra: ReadonlyMap<string, Femto>;
  overhead: readonly { name: string; amount: Femto }[];
}

export interface MarginFigures {
  /** Usage cost: the events' own cost, tokens plus busy GPU time. */
  cost: Femto;
  /** Usage cost plus allocated idle GPU time and fixed costs (equal to `cost` without them). */
  loadedCost: Femto;
  revenue: Femto;
  /** revenue − loadedCost: margin on fully loaded cost. */
  margin: Femto;
  /** margin / revenue in percent, two decimals, display only; null when revenue is 0. */
  marginPct: number | null;
  /** revenue − cost: margin on usage cost alone. */
  usageMargin: Femto;
  usageMarginPct: number | null;
}

export interface AlternativeFigures {
  planId: string;
  revenue: Femto;
  margin: Femto;
  marginPct: number | null;
  /** Margin under this plan minus margin as assigned: positive means the business gains. */
  delta: Femto;
}

export type RevenueSource = "computed" | "imported" | "mixed";

export interface FeatureMargin extends MarginFigures {
  feature: string;
  alternatives: AlternativeFigures[];
}

export interface CustomerMargin extends MarginFigures {
  customer: string;
  /** Plans in effect during the period, in date order (null: days without a plan). */
  plans: { planId: string | null; from: string; to: string }[];
  computedRevenue: Femto;
  /** Imported revenue counted for the period (prorated), or null when no month was imported. */
  importedRevenue: Femto | null;
  revenueSource: RevenueSource;
  requests: number;
  unpricedRequests: number;
  features: FeatureMargin[];
  alternatives: AlternativeFigures[];
  /** The computed charges, with how each was computed. */
  revenueLines: RevenueLine[];
  allowances: AllowanceUse[];
}

export interface PlanComparison {
  planId: string;
  planName: string;
  totals: AlternativeFigures;
  gainers: { customer: string; delta: Femto }[];
  losers: { customer: string; delta: Femto }[];
  unchanged: string[];
}

export interface MarginReport {
  period: Period;
  /** Customers' figures summed, plus the unallocated overhead in `loadedCost` and `margin`. */
  totals: MarginFigures & { alternatives: AlternativeFigures[]; unpricedRequests: number };
  /** Costs kept unallocated (a pool's idle time under the overhead rule, ...), in totals only. */
  overhead: { name: string; amount: Femto }[];
  customers: CustomerMargin[];
  features: (FeatureMargin & { customers: number })[];
  comparisons: PlanComparison[];
  distribution: HistogramBucket[];
  /** Customers with a negative margin, worst first. */
  lossMaking: (MarginFigures & { customer: string })[];
  revenueAtRisk: RevenueAtRisk;
  outcomes: OutcomeEconomics[];
}

export function computeMargins(input: MarginInput): MarginReport {
  assertPeriod(input.period);
  const plans = new Map(input.plans.map((plan) => [plan.id, plan]));
  for (const assignment of input.assignments) {
    if (assignment.planId !== null && !plans.has(assignment.planId))
      throw new RangeError(`assignment to unknown plan ${JSON.stringify(assignment.planId)}`);
  }
  const compared = (input.comparePlanIds ?? []).map((id) => plans.get(id) ?? unknownPlan(id));
  const imported = importedByCustomer(input.importedRevenue ?? [], input.period);
  const usages = allCustomers(input, imported);
  const customers = usages.map((usage) => customerMargin(usage, input, plans, compared, imported.get(usage.customer)));
  const points = customers.map(({ customer, revenue, margin }) => ({ customer, revenue, margin }));
  const features = mergeFeatures(customers);
  const overhead = [...(input.loaded?.overhead ?? [])];
  const overheadTotal = sumOf(overhead, (line) => line.amount);
  return {
    period: input.period,
    overhead,
    totals: {
      ...figures(
        sumOf(customers, (c) => c.cost),
        sumOf(customers, (c) => c.revenue),
        sumOf(customers, (c) => c.loadedCost) + overheadTotal,
      ),
      alternatives: compared.map((plan) =>
        mergeAlternative(
          plan.id,
          customers.map((c) => c.alternatives),
        ),
      ),
      unpricedRequests: customers.reduce((total, c) => total + c.unpricedRequests, 0),
    },
    customers,
    features,
    comparisons: compared.map((plan) => comparison(plan, customers)),
    distribution: marginHistogram(points, input.histogramEdges),
    lossMaking: customers
      .filter((c) => c.margin < 0n)
      .sort((a, b) => (a.margin < b.margin ? -1 : a.margin > b.margin ? 1 : compareText(a.customer, b.customer)))
      .map(({ customer, cost, loadedCost, revenue, margin, marginPct, usageMargin, usageMarginPct }) => ({
        customer,
        cost,
        loadedCost,
        revenue,
        margin,
        marginPct,
        usageMargin,
        usageMarginPct,
      })),
    revenueAtRisk: revenueAtRisk(points),
    outcomes: outcomeEconomics(usages, input.spreadOver),
  };
}

function customerMargin(
  usage: CustomerPeriodUsage,
  input: MarginInput,
  plans: Map<string, Plan>,
  compared: Plan[],
  imported: Map<Month, Femto> | undefined,
): CustomerMargin {
  const spans = planSpans(input.assignments, usage.customer, input.period);
  const versions = input.planVersions ?? [];
  const segments = planSegments(spans, plans, versions);
  const computed = computeRevenue(usage, segments, input.period);
  const costByFeature = new Map<string, bigint>();
  for (const row of usage.usage) addTo(costByFeature, row.feature, row.cost);
  const revenueByFeature = new Map<string, bigint>();
  for (const month of monthsOf(input.period)) {
    const lines = computed.lines.filter((line) => line.month === month);
    const importedAmount = imported?.get(month);
    if (importedAmount === undefined) {
      for (const line of lines) addTo(revenueByFeature, line.feature, line.amount);
      continue;
    }
    const monthCost = new Map<string, bigint>();
    for (const row of usage.usage) if (monthOf(row.day) === month) addTo(monthCost, row.feature, row.cost);
    const monthRevenue = new Map<string, bigint>();
    for (const line of lines) addTo(monthRevenue, line.feature, line.amount);
    for (const [feature, amount] of splitBy(importedAmount, monthRevenue, monthCost))
      addTo(revenueByFeature, feature, amount);
  }
  const alternatives = compared.map((plan) => ({
    planId: plan.id,
    byFeature: byFeature(
      computeRevenue(usage, versionSegments(plan.id, input.period, plan, versions), input.period).lines,
    ),
  }));
  const featureNames = [
    ...new Set([
      ...costByFeature.keys(),
      ...revenueByFeature.keys(),
      ...alternatives.flatMap((a) => [...a.byFeature.keys()]),
    ]),
  ].sort(compareText);
  const features = featureNames.map((feature): FeatureMargin => {
    const cost = costByFeature.get(feature) ?? 0n;
    const base = figures(
      cost,
      revenueByFeature.get(feature) ?? 0n,
      cost + (input.loaded?.extra.get(`${usage.customer}\u0000${feature}`) ?? 0n),
    );
    return {
      feature,
      ...base,
      alternatives: alternatives.map((alt) => alternative(alt.planId, base, alt.byFeature.get(feature) ?? 0n)),
    };
  });
  const base = figures(
    sumOf(features, (f) => f.cost),
    sumOf(features, (f) => f.revenue),
    sumOf(features, (f) => f.loadedCost),
  );
  const importedMonths = imported ? monthsOf(input.period).filter((month) => imported.has(month)).length : 0;
  return {
    customer: usage.customer,
    ...base,
    plans: spans,
    computedRevenue: computed.total,
    importedRevenue: imported ? sumOf([...imported.values()], (v) => v) : null,
    revenueSource:
      importedMonths === 0 ? "computed" : importedMonths === monthsOf(input.period).length ? "imported" : "mixed",
    requests: usage.usage.reduce((total, row) => total + row.requests, 0),
    unpricedRequests: usage.usage.reduce((total, row) => total + (row.unpricedRequests ?? 0), 0),
    features,
    alternatives: alternatives.map((alt) =>
      alternative(
        alt.planId,
        base,
        sumOf([...alt.byFeature.values()], (v) => v),
      ),
    ),
    revenueLines: computed.lines,
    allowances: computed.allowances,
  };
}

/** A customer's plan spans cut where a plan version takes over, each with the plan in force. */
export function planSegments(
  spans: readonly PlanSpan[],
  plans: ReadonlyMap<string, Plan>,
  versions: readonly PlanVersion[],
): PlanSegment[] {
  return spans.flatMap((span) =>
    span.planId === null
      ? [{ ...span, plan: null }]
      : versionSegments(span.planId, span, plans.get(span.planId)!, versions),
  );
}

/** Splits an imported amount over features: by computed revenue, else by cost, else unallocated. */
function splitBy(amount: Femto, ...weightings: Map<string, bigint>[]): [string, Femto][] {
  for (const weights of weightings) {
    const features = [...weights.keys()].sort(compareText);
    const shares = allocate(
      amount,
      features.map((feature) => (weights.get(feature)! > 0n ? weights.get(feature)! : 0n)),
    );
    if (shares) return features.map((feature, index) => [feature, shares[index]!]);
  }
  return [[UNALLOCATED_FEATURE, amount]];
}

function importedByCustomer(rows: readonly ImportedRevenue[], period: Period): Map<string, Map<Month, Femto>> {
  const result = new Map<string, Map<Month, Femto>>();
  for (const row of rows) {
    const covered = clipToMonth(period, row.month);
    if (!covered) continue;
    const months = result.get(row.customer) ?? new Map<Month, Femto>();
    result.set(row.customer, months);
    if (months.has(row.month))
      throw new RangeError(`imported revenue for ${row.customer} in ${row.month} is listed twice`);
    months.set(row.month, prorate(row.revenue, dayCount(covered.from, covered.to), daysInMonth(row.month)));
  }
  return result;
}

function allCustomers(input: MarginInput, imported: Map<string, unknown>): CustomerPeriodUsage[] {
  const byName = new Map<string, CustomerPeriodUsage>();
  for (const usage of input.customers) {
    if (byName.has(usage.customer)) throw new RangeError(`customer ${JSON.stringify(usage.customer)} is listed twice`);
    byName.set(usage.customer, usage);
  }
  for (const customer of [...customersWithOverrides(input.assignments, input.period), ...imported.keys()]) {
    if (!byName.has(customer)) byName.set(customer, { customer, usage: [], outcomes: [] });
  }
  return [...byName.values()].sort((a, b) => compareText(a.customer, b.customer));
}

function mergeFeatures(customers: readonly CustomerMargin[]): (FeatureMargin & { customers: number })[] {
  const grouped = new Map<string, FeatureMargin[]>();
  for (const customer of customers) {
    for (const feature of customer.features) {
      const rows = grouped.get(feature.feature);
      if (rows) rows.push(feature);
      else grouped.set(feature.feature, [feature]);
    }
  }
  return [...grouped.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([feature, rows]) => ({
      feature,
      ...figures(
        sumOf(rows, (r) => r.cost),
        sumOf(rows, (r) => r.revenue),
        sumOf(rows, (r) => r.loadedCost),
      ),
      customers: rows.length,
      alternatives: (rows[0]?.alternatives ?? []).map((alt) =>
        mergeAlternative(
          alt.planId,
          rows.map((r) => r.alternatives),
        ),
      ),
    }));
}

function mergeAlternative(planId: string, lists: readonly AlternativeFigures[][]): AlternativeFigures {
  const rows = lists.map((list) => list.find((alt) => alt.planId === planId)!);
  const revenue = sumOf(rows, (r) => r.revenue);
  const margin = sumOf(rows, (r) => r.margin);
  return { planId, revenue, margin, marginPct: marginPercent(margin, revenue), delta: sumOf(rows, (r) => r.delta) };
}

function comparison(plan: Plan, customers: readonly CustomerMargin[]): PlanComparison {
  const deltas = customers.map((c) => ({
    customer: c.customer,
    delta: c.alternatives.find((alt) => alt.planId === plan.id)!.delta,
  }));
  const byDelta = (a: { delta: bigint; customer: string }, b: { delta: bigint; customer: string }) =>
    a.delta === b.delta ? compareText(a.customer, b.customer) : a.delta > b.delta ? -1 : 1;
  return {
    planId: plan.id,
    planName: plan.name,
    totals: mergeAlternative(
      plan.id,
      customers.map((c) => c.alternatives),
    ),
    gainers: deltas.filter((d) => d.delta > 0n).sort(byDelta),
    losers: deltas.filter((d) => d.delta < 0n).sort((a, b) => byDelta(b, a)),
    unchanged: deltas.filter((d) => d.delta === 0n).map((d) => d.customer),
  };
}

function alternative(planId: string, base: MarginFigures, revenue: Femto): AlternativeFigures {
  const margin = revenue - base.loadedCost;
  return { planId, revenue, margin, marginPct: marginPercent(margin, revenue), delta: margin - base.margin };
}

export function figures(cost: Femto, revenue: Femto, loadedCost: Femto = cost): MarginFigures {
  const margin = revenue - loadedCost;
  const usageMargin = revenue - cost;
  return {
    cost,
    loadedCost,
    revenue,
    margin,
    marginPct: marginPercent(margin, revenue),
    usageMargin,
    usageMarginPct: marginPercent(usageMargin, revenue),
  };
}

function byFeature(lines: readonly RevenueLine[]): Map<string, bigint> {
  const result = new Map<string, bigint>();
  for (const line of lines) addTo(result, line.feature, line.amount);
  return result;
}

function addTo(map: Map<string, bigint>, key: string, amount: bigint): void {
  map.set(key, (map.get(key) ?? 0n) + amount);
}

function sumOf<T>(items: readonly T[], pick: (item: T) => bigint): bigint {
  return items.reduce((total, item) => total + pick(item), 0n);
}

function unknownPlan(id: string): never {
  throw new RangeError(`comparePlanIds: unknown plan ${JSON.stringify(id)}`);
}
