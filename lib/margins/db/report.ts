/**
 * The margins read model: loads a period, runs the engine (or a scenario) and shapes the
 * result for the API. Money leaves as exact dollar strings; every figure keeps its `note`s.
 */
import { addDays, checkDay, checkPeriodSpan } from "@/lib/calendar/days";
import { RANGE_PRESETS, type RangePreset } from "@/lib/analytics/contracts";
import { resolvePeriod } from "@/lib/analytics/period";
import type { OrgCalendar } from "@/lib/calendar/org-calendar";
import { todayIn } from "@/lib/calendar/zone";
import type { Database } from "@/lib/db/client";
import { getProjectPriceBook } from "@/lib/pricing/server";
import type { Period } from "@/lib/calendar/months";
import {
  computeMargins,
  type AlternativeFigures,
  type CustomerMargin,
  type MarginFigures,
  type MarginReport,
} from "../engine";
import type { AllowanceUse } from "../revenue";
import { compareScenarios, simulate, type SimulationResult } from "../simulator";
import { invalidField, invalidFields } from "@/lib/errors";
import { usdJson } from "@/lib/money";
import { moneyJson, type MoneyJson } from "./json";
import { loadPeriod, type CostBasis } from "./load-period";
import { listPlans, type StoredPlan } from "./plans-repo";
import { priceBookReprice } from "./reprice";

/** How each figure of the report is computed, for footnotes and hover text. */
export const EXPLANATIONS = {
  cost: "Usage cost: the period's usage priced at ingest from the daily rollups, tokens plus the GPU time the events used. Requests without a price are counted apart, never as $0.",
  loadedCost:
    "Fully loaded cost: usage cost plus each GPU pool's idle time (split by busy GPU-seconds, or kept as a named overhead line, per pool) and the fixed costs a finance lead added (split by usage cost, or kept as overhead). Every pool's bill = busy + allocated idle + unallocated, exactly.",
  revenue:
    "Revenue: what each customer's plan charges for the period (see each line's note), or the imported billing amount for a month when one was imported (prorated by days when the period covers part of the month).",
  margin:
    "Gross margin: revenue minus fully loaded cost (cost_basis=usage: minus usage cost). Usage margin: revenue minus usage cost.",
  marginPct: "Margin %: gross margin divided by revenue, shown with two decimals; blank when there is no revenue.",
  comparison:
    "Under another plan: the same usage and outcomes charged under that plan for the whole period, always from computed revenue. Delta: margin under that plan minus margin as assigned.",
  distribution:
    "Customers bucketed by margin %, decided exactly on the amounts (a customer at exactly 25% falls in 25%–50%). Customers without revenue form their own bucket.",
  revenueAtRisk: "Revenue at risk: revenue from customers whose margin is negative, as a share of all revenue.",
  breakEven:
    "Break-even price: the feature's whole cost over the period divided by its outcomes of this type. p10/p50/p90: cost per outcome across customers with outcomes (each customer's feature cost ÷ its outcomes), by linear interpolation.",
  simulation:
    "Simulation: the period's real usage replayed under the scenario. Both sides use computed revenue (imported billing is ignored) so the delta is the scenario's effect alone. A feature moved to another model is re-priced per token from the project's price book (catalog and overrides) at today's standard price.",
} as const;

/**
 * The period of a margins request, with the presets and semantics of every read endpoint
 * (lib/analytics/period.ts): `range` (7d, 30d, 90d, mtd, last-month, counted back from today in
 * the organisation's timezone), or `from` and/or `to` (default `to`: today there; `from`: 29 days
 * before `to`). `range` and `from`/`to` together are refused.
 */
export function parsePeriodQuery(
  query: { from?: string; to?: string; range?: string },
  calendar: OrgCalendar | string = "UTC",
  now: Date = new Date(),
): Period {
  const timezone = typeof calendar === "string" ? calendar : calendar.timezone;
  if (query.range !== undefined) {
    if (query.from !== undefined || query.to !== undefined)
      throw invalidField("range", "send either range or from/to, not both");
    if (!(RANGE_PRESETS as readonly string[]).includes(query.range))
      throw invalidField("range", `one of ${RANGE_PRESETS.join(", ")}`);
    const { from, to } = resolvePeriod({ range: query.range as RangePreset }, calendar, now).current;
    return { from, to };
  }
  const last = checked("to", query.to ?? todayIn(timezone, now));
  const first = query.from === undefined ? addDays(last, -29) : checked("from", query.from);
  const spanProblem = checkPeriodSpan(first, last);
  if (spanProblem) throw invalidField("to", spanProblem);
  return { from: first, to: last };
}

function checked(field: "from" | "to", text: string): string {
  const check = checkDay(text);
  if (!check.ok) throw invalidField(field, check.reason);
  return check.day;
}

export async function marginsReport(
  db: Database,
  projectId: string,
  period: Period,
  /** `plans`: the project's plans, archived included, when the caller has just listed them. */
  options: { comparePlanId?: string; costBasis?: CostBasis; plans?: StoredPlan[] } = {},
) {
  const plansRead = options.plans
    ? Promise.resolve(options.plans)
    : listPlans(db, projectId, { includeArchived: true });
  // A plan to compare with is checked before the period is read; without one, both reads at once.
  if (options.comparePlanId && !(await plansRead).some((plan) => plan.id === options.comparePlanId)) {
    throw invalidField("plan", `no plan with id ${JSON.stringify(options.comparePlanId)}`);
  }
  const costBasis = options.costBasis ?? "loaded";
  const [plans, { input, accounts }] = await Promise.all([
    plansRead,
    loadPeriod(db, projectId, period, {
      costBasis,
      ...(options.comparePlanId ? { comparePlanIds: [options.comparePlanId] } : {}),
    }),
  ]);
  const report = computeMargins(input);
  return {
    costBasis,
    /** Per GPU pool and fixed cost: bill = busy + allocated + unallocated, exactly. */
    fullyLoaded: accounts && moneyJson(accounts),
    plans: plans.map((plan) => ({ id: plan.id, name: plan.name, type: plan.type, archived: plan.archivedAt !== null })),
    assignments: input.assignments,
    explanations: EXPLANATIONS,
    ...reportJson(report),
  };
}

export type MarginsResponse = Awaited<ReturnType<typeof marginsReport>>;

export function reportJson(report: MarginReport) {
  const { customers, ...rest } = report;
  return { ...moneyJson(rest), customers: customers.map(customerJson) };
}

/**
 * A customer's figures as JSON, field by field: moneyJson's generic copy of 2,000 customers'
 * features, alternatives and revenue lines was 41 ms of a 90-day report, this is a fraction
 * (bench:margins). The return type is moneyJson's, so a field added to CustomerMargin and not
 * here does not compile.
 */
function customerJson(c: CustomerMargin): MoneyJson<Omit<CustomerMargin, "allowances">> & {
  allowances: ReturnType<typeof allowanceJson>[];
} {
  return {
    customer: c.customer,
    ...figuresJson(c),
    plans: c.plans,
    computedRevenue: usdJson(c.computedRevenue),
    importedRevenue: c.importedRevenue === null ? null : usdJson(c.importedRevenue),
    revenueSource: c.revenueSource,
    requests: c.requests,
    unpricedRequests: c.unpricedRequests,
    features: c.features.map((feature) => ({
      feature: feature.feature,
      ...figuresJson(feature),
      alternatives: feature.alternatives.map(alternativeJson),
    })),
    alternatives: c.alternatives.map(alternativeJson),
    revenueLines: c.revenueLines.map((line) => ({ ...line, amount: usdJson(line.amount) })),
    allowances: c.allowances.map(allowanceJson),
  };
}

function figuresJson(f: MarginFigures): MoneyJson<MarginFigures> {
  return {
    cost: usdJson(f.cost),
    loadedCost: usdJson(f.loadedCost),
    revenue: usdJson(f.revenue),
    margin: usdJson(f.margin),
    marginPct: f.marginPct,
    usageMargin: usdJson(f.usageMargin),
    usageMarginPct: f.usageMarginPct,
  };
}

function alternativeJson(a: AlternativeFigures): MoneyJson<AlternativeFigures> {
  return {
    planId: a.planId,
    revenue: usdJson(a.revenue),
    margin: usdJson(a.margin),
    marginPct: a.marginPct,
    delta: usdJson(a.delta),
  };
}

/** Allowances count tokens or requests unless their unit is cost: only cost is money. */
function allowanceJson(use: AllowanceUse) {
  const amount = (value: bigint) => (use.unit === "cost" ? usdJson(value) : value.toString());
  return { ...use, allowance: amount(use.allowance), used: amount(use.used) };
}

// Simulations re-price rows per token (a feature moved to another model): they read daily rows,
// so their figures do not move with the read model's segments.
export async function runScenario(db: Database, projectId: string, period: Period, scenario: unknown) {
  const [{ input, providers }, book] = await Promise.all([
    loadPeriod(db, projectId, period, { usage: "days" }),
    getProjectPriceBook(db.pool, projectId),
  ]);
  const outcome = simulate(input, scenario, priceBookReprice({ book, providers }));
  if (!outcome.ok) throw invalidFields(outcome.errors.map((error) => ({ ...error, path: `scenario.${error.path}` })));
  return simulationJson(outcome.value);
}

function simulationJson(result: SimulationResult) {
  const { before, after, ...rest } = result;
  return {
    ...moneyJson(rest),
    lossMaking: { before: moneyJson(before.lossMaking), after: moneyJson(after.lossMaking) },
    revenueAtRisk: { before: moneyJson(before.revenueAtRisk), after: moneyJson(after.revenueAtRisk) },
    explanation: EXPLANATIONS.simulation,
  };
}

export async function compareSavedScenarios(
  db: Database,
  projectId: string,
  period: Period,
  scenarios: readonly { id: string; definition: unknown }[],
) {
  const [{ input, providers }, book] = await Promise.all([
    loadPeriod(db, projectId, period, { usage: "days" }),
    getProjectPriceBook(db.pool, projectId),
  ]);
  const result = compareScenarios(
    input,
    scenarios.map((s) => s.definition),
    priceBookReprice({ book, providers }),
  );
  return {
    period,
    baseline: moneyJson(result.baseline),
    scenarios: result.scenarios.map((row, index) => ({ id: scenarios[index]!.id, ...moneyJson(row) })),
    explanation: EXPLANATIONS.simulation,
  };
}
