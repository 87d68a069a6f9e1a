/**
 * Revenue of one customer over a period under the plans it was on, exact to the femtodollar.
 *
 * Rules (each one shows up in the `note` of the lines it produces):
 * - Usage is charged as one line per plan span within a month and feature: each row's exact
 *   charge (cost × markup, tokens × the model's rate, requests × price) is summed without
 *   rounding and the line is rounded once, half-even, to the femtodollar. Sums are linear, so the
 *   line does not depend on how finely the usage was rolled up (days, models, or the month read
 *   model of lib/margins/db/usage-segments.ts), only on the plan's spans. Overage lines likewise:
 *   the crossing day's share and the later days, summed exactly, rounded once. Totals are exact
 *   sums of the rounded lines, so breakdowns always add up to the total.
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

/**
 * The span's usage, one line per feature: each row's exact charge (a numerator over the pricing's
 * denominator) summed, then rounded once. Summing is linear, so the line is the same whether the
 * rows are days, segments, models or the feature's whole month (the read model may sum models
 * together when no plan prices by model).
 */
function chargeUsage(pricing: UsagePricing, rows: UsageAggregate[], at: LineAt, lines: LineBook): void {
  const byFeature = new Map<string, bigint>();
  for (const row of rows)
    byFeature.set(row.feature, (byFeature.get(row.feature) ?? 0n) + chargeNumerator(pricing, row));
  const denominator = chargeDenominator(pricing);
  const note = describePricing(pricing);
  for (const [feature, numerator] of byFeature)
    lines.add(at, "usage", feature, divideRounded(numerator, denominator), note);
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
  // The day the allowance ran out (charged in part) and the later days with usage (in full).
  let crossing: { day: Day; excess: bigint; units: bigint } | null = null;
  const laterDays = new Set<Day>();
  for (const day of [...byDay.keys()].sort()) {
    const units = byDay.get(day)!.reduce((total, row) => total + unitsOf(allowance.unit, row), 0n);
    used += units;
    if (units <= remaining) {
      remaining -= units;
      continue;
    }
    if (crossing === null) crossing = { day, excess: units - remaining, units };
    else laterDays.add(day);
    remaining = 0n;
  }
  const crossedOn = crossing?.day ?? null;
  const use: AllowanceUse = { ...at, unit: allowance.unit, allowance: included, used, crossedOn };
  if (!overage || !crossing) return use;
  const proration = days === monthDays ? "" : ` × ${days}/${monthDays} days`;
  const note = `usage past the allowance (${describeUnits(allowance.unit, allowance.amount)}${proration} = ${describeUnits(allowance.unit, included)}, used up on ${crossedOn}) at ${describePricing(overage)}`;
  // Per feature, exactly: the crossing day's charge × excess / units plus every later day's in
  // full, over one denominator, rounded once (linear in the rows, like chargeUsage).
  const byFeature = new Map<string, { crossing: bigint; later: bigint }>();
  for (const row of rows) {
    const isCrossing = row.day === crossing.day;
    if (!isCrossing && !laterDays.has(row.day)) continue;
    let sums = byFeature.get(row.feature);
    if (!sums) byFeature.set(row.feature, (sums = { crossing: 0n, later: 0n }));
    if (isCrossing) sums.crossing += chargeNumerator(overage, row);
    else sums.later += chargeNumerator(overage, row);
  }
  const denominator = chargeDenominator(overage) * crossing.units;
  for (const [feature, sums] of byFeature)
    lines.add(
      at,
      "overage",
      feature,
      divideRounded(sums.crossing * crossing.excess + sums.later * crossing.units, denominator),
      note,
    );
  return use;
}

/** What one row of usage costs the customer, exactly: this over chargeDenominator(pricing) femtodollars. */
function chargeNumerator(pricing: UsagePricing, row: UsageAggregate): bigint {
  switch (pricing.basis) {
    case "tokens": {
      let perMillion = 0n;
      for (const tokenClass in row.tokens) {
        const tokens = row.tokens[tokenClass as TokenClass] ?? 0;
        if (tokens === 0) continue;
        perMillion += BigInt(tokens) * (tokenRateFor(pricing.rates, row.model, tokenClass as TokenClass) ?? 0n);
      }
      return perMillion;
    }
    case "markup":
      return row.cost * (HUNDRED_PERCENT + pricing.markupPercent);
    case "requests":
      return BigInt(row.requests) * pricing.pricePerRequest;
  }
}

function chargeDenominator(pricing: UsagePricing): bigint {
  switch (pricing.basis) {
    case "tokens":
      return TOKENS_PER_MILLION;
    case "markup":
      return HUNDRED_PERCENT;
    case "requests":
      return 1n;
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
