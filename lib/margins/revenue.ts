/**
 * Revenue of one customer over a period under the plans it was on, exact to the femtodollar.
 *
 * Rules (each one shows up in the `note` of the lines it produces):
 * - Usage is charged once per plan span within a month, feature and model: the span's rows of that
 *   feature and model are summed first (tokens, requests, cost) and the charge is rounded once,
 *   half-even, to the femtodollar. The charge then does not depend on how finely the usage was
 *   rolled up (days, or the month read model of lib/margins/db/usage-segments.ts), only on the
 *   plan's spans. Overage past an allowance is the exception: allowances are used day by day, so
 *   it is charged per daily row (below). Totals are exact sums of the rounded charges, so
 *   breakdowns always add up to the total.
 * - Monthly fees and allowances are per calendar month (UTC). A plan in effect for d of the D days
 *   of a month (because it starts or ends mid-month, or the period covers part of the month) is
 *   charged fee × d / D, with an allowance of allowance × d / D (half-even). Each plan span has
 *   its own allowance: usage before a mid-month change never uses the new plan's allowance.
 * - Allowances are consumed day by day in date order. On the day the allowance runs out, the
 *   share of that day's usage past the allowance (excess units / the day's units) of every row
 *   is charged at the overage price; every later day is charged in full. Rollups are daily, so
 *   within the crossing day usage is treated as evenly spread.
 * - Fees are not tied to a feature; they are split over the features by their share of the span's
 *   cost (see `allocate`), or booked to `UNALLOCATED_FEATURE` when the span has no cost.
 * - Outcome types a plan does not price, and tokens no rate matches, earn nothing.
 */
import { divideRounded, femtoToUsd, type Femto } from "@/lib/money";
import { allocate, prorate } from "./amounts";
import { dayCount, type Day } from "@/lib/calendar/days";
import {
  assertPeriod,
  clipToMonth,
  daysInMonth,
  isDay,
  monthsOf,
  type Month,
  type Period,
} from "@/lib/calendar/months";
import {
  MICRO_PERCENT_PER_PERCENT,
  outcomePriceFor,
  tokenRateFor,
  type Allowance,
  type OutcomePrice,
  type Plan,
  type UsagePricing,
} from "./plans";
import {
  compareText,
  totalTokens,
  type CustomerPeriodUsage,
  type OutcomeAggregate,
  type TokenCounts,
  type UsageAggregate,
} from "./types";
import { TOKEN_CLASSES, type TokenClass } from "@/lib/token-classes";

export const UNALLOCATED_FEATURE = "(unallocated)";
const TOKENS_PER_MILLION = 1_000_000n;
const HUNDRED_PERCENT = 100n * MICRO_PERCENT_PER_PERCENT;

/** A run of days on one plan (null: no plan, nothing is charged). */
export interface PlanSegment {
  plan: Plan | null;
  from: Day;
  to: Day;
}

export type RevenueKind = "fee" | "usage" | "overage" | "outcome";

export interface RevenueLine {
  planId: string;
  kind: RevenueKind;
  month: Month;
  /** The days of the month this line covers (a plan span clipped to the month). */
  from: Day;
  to: Day;
  feature: string;
  /** Set on outcome lines. */
  outcomeType?: string;
  amount: Femto;
  /** How the amount was computed, for footnotes. */
  note: string;
}

export interface AllowanceUse {
  planId: string;
  month: Month;
  from: Day;
  to: Day;
  unit: Allowance["unit"];
  /** The prorated allowance (tokens, requests or femtodollars of cost). */
  allowance: bigint;
  used: bigint;
  /** The day the allowance ran out, or null when it did not. */
  crossedOn: Day | null;
}

interface RevenueResult {
  total: Femto;
  lines: RevenueLine[];
  allowances: AllowanceUse[];
}

export function computeRevenue(
  usage: CustomerPeriodUsage,
  segments: readonly PlanSegment[],
  period: Period,
): RevenueResult {
  assertPeriod(period);
  assertRowsInPeriod(usage, period);
  const lines = new LineBook();
  const allowances: AllowanceUse[] = [];
  for (const segment of segments) {
    if (!segment.plan) continue;
    for (const month of monthsOf(segment)) {
      const span = clipToMonth(segment, month);
      if (!span) continue;
      const rows = usage.usage.filter((row) => row.day >= span.from && row.day <= span.to);
      const outcomes = usage.outcomes.filter((row) => row.day >= span.from && row.day <= span.to);
      chargeSpan(segment.plan, { month, ...span }, rows, outcomes, lines, allowances);
    }
  }
  const all = lines.list();
  return { total: all.reduce((total, line) => total + line.amount, 0n), lines: all, allowances };
}

interface Span extends Period {
  month: Month;
}

function chargeSpan(
  plan: Plan,
  span: Span,
  rows: UsageAggregate[],
  outcomes: OutcomeAggregate[],
  lines: LineBook,
  allowances: AllowanceUse[],
): void {
  const at = { planId: plan.id, month: span.month, from: span.from, to: span.to };
  switch (plan.type) {
    case "usage":
      chargeUsage(plan.pricing, rows, at, lines);
      return;
    case "outcome":
      chargeOutcomes(plan.outcomePrices, outcomes, at, lines);
      return;
    case "subscription":
      chargeFee(plan.monthlyFee, span, rows, at, lines);
      allowances.push(chargeOverage(plan.allowance, plan.overage, span, rows, at, lines));
      return;
    case "hybrid":
      chargeFee(plan.monthlyFee, span, rows, at, lines);
      chargeOutcomes(plan.outcomePrices, outcomes, at, lines);
      if (plan.usage) chargeUsage(plan.usage, rows, at, lines);
      return;
  }
}

/** The span's usage charged once per feature and model (rounded once each), one line per feature. */
function chargeUsage(pricing: UsagePricing, rows: UsageAggregate[], at: LineAt, lines: LineBook): void {
  const byFeature = new Map<string, Femto>();
  for (const row of sumByFeatureModel(rows))
    byFeature.set(row.feature, (byFeature.get(row.feature) ?? 0n) + usageCharge(pricing, row));
  const note = describePricing(pricing);
  for (const [feature, amount] of byFeature) lines.add(at, "usage", feature, amount, note);
}

/** One row per feature and model with the rows' sums (the day is the first row's); rows copied only to add to. */
function sumByFeatureModel(rows: readonly UsageAggregate[]): UsageAggregate[] {
  // Feature, then model: nested maps, not a joined key per row (the engine's hottest loop).
  const sums = new Map<string, Map<string, { row: UsageAggregate; copied: boolean }>>();
  const entries: { row: UsageAggregate; copied: boolean }[] = [];
  for (const row of rows) {
    let models = sums.get(row.feature);
    if (!models) sums.set(row.feature, (models = new Map()));
    const entry = models.get(row.model);
    if (!entry) {
      const added = { row, copied: false };
      models.set(row.model, added);
      entries.push(added);
      continue;
    }
    if (!entry.copied) entry.row = { ...entry.row, tokens: { ...entry.row.tokens } };
    entry.copied = true;
    const sum = entry.row;
    sum.requests += row.requests;
    sum.cost += row.cost;
    for (const tokenClass of TOKEN_CLASSES) {
      const tokens = row.tokens[tokenClass];
      if (tokens) sum.tokens[tokenClass] = (sum.tokens[tokenClass] ?? 0) + tokens;
    }
  }
  return entries.map((entry) => entry.row);
}

type LineAt = Pick<RevenueLine, "planId" | "month" | "from" | "to">;

function chargeOutcomes(
  prices: readonly OutcomePrice[],
  outcomes: OutcomeAggregate[],
  at: LineAt,
  lines: LineBook,
): void {
  for (const row of outcomes) {
    const price = outcomePriceFor(prices, row.outcomeType);
    if (price === null) continue;
    lines.add(
      at,
      "outcome",
      row.feature,
      BigInt(row.count) * price,
      `${row.outcomeType} outcomes × $${trimUsd(price)}`,
      row.outcomeType,
    );
  }
}

function chargeFee(monthlyFee: Femto, span: Span, rows: UsageAggregate[], at: LineAt, lines: LineBook): void {
  const days = dayCount(span.from, span.to);
  const monthDays = daysInMonth(span.month);
  const fee = prorate(monthlyFee, days, monthDays);
  const costByFeature = new Map<string, bigint>();
  for (const row of rows) costByFeature.set(row.feature, (costByFeature.get(row.feature) ?? 0n) + row.cost);
  const features = [...costByFeature.keys()].sort(compareText);
  const shares = allocate(
    fee,
    features.map((feature) => costByFeature.get(feature)!),
  );
  const proration = days === monthDays ? "" : ` × ${days}/${monthDays} days`;
  if (!shares) {
    lines.add(
      at,
      "fee",
      UNALLOCATED_FEATURE,
      fee,
      `monthly fee $${trimUsd(monthlyFee)}${proration}; no cost in these days to split it by`,
    );
    return;
  }
  const note = `monthly fee $${trimUsd(monthlyFee)}${proration}, split over features by share of cost`;
  features.forEach((feature, index) => lines.add(at, "fee", feature, shares[index]!, note));
}

function chargeOverage(
  allowance: Allowance,
  overage: UsagePricing | undefined,
  span: Span,
  rows: UsageAggregate[],
  at: LineAt,
  lines: LineBook,
): AllowanceUse {
  const days = dayCount(span.from, span.to);
  const monthDays = daysInMonth(span.month);
  const included = prorate(allowance.amount, days, monthDays);
  const byDay = new Map<Day, UsageAggregate[]>();
  for (const row of rows) {
    const dayRows = byDay.get(row.day);
    if (dayRows) dayRows.push(row);
    else byDay.set(row.day, [row]);
  }
  let remaining = included;
  let used = 0n;
  let crossedOn: Day | null = null;
  const billable: { row: UsageAggregate; excess: bigint; units: bigint }[] = [];
  for (const day of [...byDay.keys()].sort()) {
    const dayRows = byDay.get(day)!;
    const units = dayRows.reduce((total, row) => total + unitsOf(allowance.unit, row), 0n);
    used += units;
    if (units <= remaining) {
      remaining -= units;
      continue;
    }
    if (crossedOn === null) crossedOn = day;
    const excess = units - remaining;
    remaining = 0n;
    for (const row of dayRows) billable.push({ row, excess, units });
  }
  const use: AllowanceUse = { ...at, unit: allowance.unit, allowance: included, used, crossedOn };
  if (!overage) return use;
  const proration = days === monthDays ? "" : ` × ${days}/${monthDays} days`;
  const note = `usage past the allowance (${describeUnits(allowance.unit, allowance.amount)}${proration} = ${describeUnits(allowance.unit, included)}, used up on ${crossedOn}) at ${describePricing(overage)}`;
  const byFeature = new Map<string, Femto>();
  for (const { row, excess, units } of billable) {
    const charge = usageCharge(overage, row);
    byFeature.set(
      row.feature,
      (byFeature.get(row.feature) ?? 0n) + (excess === units ? charge : divideRounded(charge * excess, units)),
    );
  }
  for (const [feature, amount] of byFeature) lines.add(at, "overage", feature, amount, note);
  return use;
}

/** What one row of usage costs the customer under a usage pricing, rounded once to the femtodollar. */
function usageCharge(pricing: UsagePricing, row: UsageAggregate): Femto {
  switch (pricing.basis) {
    case "tokens": {
      let perMillion = 0n;
      for (const tokenClass of TOKEN_CLASSES) {
        const tokens = row.tokens[tokenClass] ?? 0;
        if (tokens === 0) continue;
        perMillion += BigInt(tokens) * (tokenRateFor(pricing.rates, row.model, tokenClass) ?? 0n);
      }
      return divideRounded(perMillion, TOKENS_PER_MILLION);
    }
    case "markup":
      return divideRounded(row.cost * (HUNDRED_PERCENT + pricing.markupPercent), HUNDRED_PERCENT);
    case "requests":
      return BigInt(row.requests) * pricing.pricePerRequest;
  }
}

function unitsOf(unit: Allowance["unit"], row: UsageAggregate): bigint {
  switch (unit) {
    case "tokens":
      return BigInt(totalTokens(row.tokens));
    case "requests":
      return BigInt(row.requests);
    case "cost":
      return row.cost;
  }
}

/** Notes per pricing object: the engine writes one for every plan span of every customer. */
const pricingNotes = new WeakMap<UsagePricing, string>();

function describePricing(pricing: UsagePricing): string {
  let note = pricingNotes.get(pricing);
  if (note === undefined) pricingNotes.set(pricing, (note = pricingNote(pricing)));
  return note;
}

function pricingNote(pricing: UsagePricing): string {
  switch (pricing.basis) {
    case "tokens":
      return "tokens × the plan's price per million (most specific rate: model and class, model, class, any)";
    case "markup":
      return `cost × (1 + ${formatPercent(pricing.markupPercent)}%)`;
    case "requests":
      return `requests × $${trimUsd(pricing.pricePerRequest)}`;
  }
}

function describeUnits(unit: Allowance["unit"], amount: bigint): string {
  return unit === "cost" ? `$${trimUsd(amount)} of cost` : `${amount} ${unit}`;
}

function formatPercent(micro: bigint): string {
  const abs = micro < 0n ? -micro : micro;
  const fraction = (abs % MICRO_PERCENT_PER_PERCENT).toString().padStart(6, "0");
  return `${micro < 0n ? "-" : ""}${trimDecimal(`${abs / MICRO_PERCENT_PER_PERCENT}.${fraction}`)}`;
}

function trimUsd(femto: Femto): string {
  const text = trimDecimal(femtoToUsd(femto));
  return text.includes(".") ? text.padEnd(text.indexOf(".") + 3, "0") : `${text}.00`;
}

function trimDecimal(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

function assertRowsInPeriod(usage: CustomerPeriodUsage, period: Period): void {
  const where = (row: { day: string; feature: string }) =>
    `customer ${JSON.stringify(usage.customer)}, ${row.day}, feature ${JSON.stringify(row.feature)}`;
  for (const rows of [usage.usage, usage.outcomes]) {
    for (const row of rows) {
      if (!isDay(row.day) || row.day < period.from || row.day > period.to) {
        throw new RangeError(`${where(row)}: the row is outside the period ${period.from}..${period.to}`);
      }
    }
  }
  for (const row of usage.usage) {
    if (!isCount(row.requests))
      throw new RangeError(`${where(row)}: requests must be a non-negative whole number, got ${row.requests}`);
    // The classes a row has (a few of the ten) first; the named check only when one is wrong.
    if (presentCounts(row.tokens)) continue;
    for (const tokenClass of TOKEN_CLASSES) {
      const value = row.tokens[tokenClass];
      if (value !== undefined && !isCount(value))
        throw new RangeError(`${where(row)}: tokens.${tokenClass} must be a non-negative whole number, got ${value}`);
    }
  }
  for (const row of usage.outcomes) {
    if (!isCount(row.count))
      throw new RangeError(`${where(row)}: outcome count must be a non-negative whole number, got ${row.count}`);
  }
}

/** Whether every token count a row has is a count (false sends the row to the named check). */
function presentCounts(tokens: TokenCounts): boolean {
  for (const tokenClass in tokens) {
    const value = tokens[tokenClass as TokenClass];
    if (value !== undefined && !isCount(value)) return false;
  }
  return true;
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * Sums charges into one line per plan, span, kind, feature and outcome type. Keyed by the
 * list's order (span start, plan, kind, feature, outcome type), so one string both finds a
 * line and sorts it: the engine adds lines for every span of every customer.
 */
class LineBook {
  private readonly lines = new Map<string, RevenueLine>();

  add(at: LineAt, kind: RevenueKind, feature: string, amount: Femto, note: string, outcomeType?: string): void {
    const key = `${at.from}\u0000${at.planId}\u0000${kind}\u0000${feature}\u0000${outcomeType ?? ""}`;
    const line = this.lines.get(key);
    if (line) line.amount += amount;
    else
      this.lines.set(key, {
        planId: at.planId,
        month: at.month,
        from: at.from,
        to: at.to,
        kind,
        feature,
        ...(outcomeType === undefined ? {} : { outcomeType }),
        amount,
        note,
      });
  }

  list(): RevenueLine[] {
    return [...this.lines.keys()].sort(compareText).map((key) => this.lines.get(key)!);
  }
}
