/**
 * The pricing simulator: replays the period's real usage under a scenario (price changes, another
 * model for a feature, more prompt caching) and shows revenue, cost and margin per customer and
 * feature, before and after. Pure: prices for re-costing come from an injected `Reprice`.
 *
 * Both sides use computed revenue (imported revenue is ignored), so the deltas are the scenario's
 * effect alone and not the gap between billing and the plans.
 */
import type { Femto } from "@/lib/money";
import { computeMargins, figures, type MarginFigures, type MarginInput, type MarginReport } from "./engine";
import type { FieldError, Plan, ParseResult } from "./plans";
import { parseScenario, type Scenario } from "./scenario";

export type { ScenarioInput } from "./scenario";
import { applyPlanChange, applyUsageChange, isPlanChange, type Reprice, type UnpricedChange } from "./scenario-apply";
import { compareText, type CustomerPeriodUsage } from "./types";

export type { Reprice, UnpricedChange } from "./scenario-apply";

interface Delta {
  cost: Femto;
  revenue: Femto;
  margin: Femto;
}

export interface BeforeAfter {
  before: MarginFigures;
  after: MarginFigures;
  delta: Delta;
}

export interface SimulationResult {
  scenario: { name: string; description?: string };
  totals: BeforeAfter;
  customers: (BeforeAfter & { customer: string })[];
  features: (BeforeAfter & { feature: string })[];
  /** Rows a usage change could not re-price (no price for the model): left unchanged. */
  unpriced: UnpricedChange[];
  /** The full engine reports, for drill-down. */
  before: MarginReport;
  after: MarginReport;
}

type SimulationOutcome = { ok: true; value: SimulationResult } | { ok: false; errors: FieldError[] };

/**
 * Runs a scenario, given as its JSON (`ScenarioInput`, as saved), over the period's usage.
 * Errors name the field, e.g. `changes[1].planId`.
 */
export function simulate(input: MarginInput, scenarioInput: unknown, reprice: Reprice): SimulationOutcome {
  const parsed: ParseResult<Scenario> = parseScenario(scenarioInput);
  if (!parsed.ok) return parsed;
  const scenario = parsed.value;
  const base: MarginInput = { ...input, importedRevenue: [] };
  let plans: readonly Plan[] = base.plans;
  let customers: readonly CustomerPeriodUsage[] = base.customers;
  const unpriced: UnpricedChange[] = [];
  const errors: FieldError[] = [];
  scenario.changes.forEach((change, index) => {
    if (!isPlanChange(change)) {
      customers = applyUsageChange(customers, change, index, reprice, unpriced);
      return;
    }
    const result = applyPlanChange(plans, change, `changes[${index}]`);
    if (Array.isArray(result)) plans = result;
    else errors.push(result);
  });
  if (errors.length) return { ok: false, errors };
  const before = computeMargins(base);
  const after = computeMargins({ ...base, plans, customers });
  return {
    ok: true,
    value: {
      scenario: { name: scenario.name, ...(scenario.description ? { description: scenario.description } : {}) },
      totals: beforeAfter(before.totals, after.totals),
      customers: joinBy(before.customers, after.customers, (c) => c.customer).map(([customer, b, a]) => ({
        customer,
        ...beforeAfter(b, a),
      })),
      features: joinBy(before.features, after.features, (f) => f.feature).map(([feature, b, a]) => ({
        feature,
        ...beforeAfter(b, a),
      })),
      unpriced,
      before,
      after,
    },
  };
}

interface ScenarioComparison {
  baseline: MarginFigures;
  scenarios: (
    | { name: string; ok: true; after: MarginFigures; delta: Delta; unpricedRows: number }
    | { name: string; ok: false; errors: FieldError[] }
  )[];
}

/** Runs several saved scenarios over the same usage and lines up their totals against the baseline. */
export function compareScenarios(
  input: MarginInput,
  scenarios: readonly unknown[],
  reprice: Reprice,
): ScenarioComparison {
  const baseline = computeMargins({ ...input, importedRevenue: [] }).totals;
  return {
    baseline: figures(baseline.cost, baseline.revenue, baseline.loadedCost),
    scenarios: scenarios.map((scenario, index) => {
      const outcome = simulate(input, scenario, reprice);
      const label =
        typeof scenario === "object" && scenario && "name" in scenario
          ? String(scenario.name)
          : `scenario ${index + 1}`;
      if (!outcome.ok) return { name: label, ok: false as const, errors: outcome.errors };
      const { totals, unpriced } = outcome.value;
      return {
        name: outcome.value.scenario.name,
        ok: true as const,
        after: totals.after,
        delta: totals.delta,
        unpricedRows: unpriced.reduce((n, u) => n + u.rows, 0),
      };
    }),
  };
}

function beforeAfter(before: MarginFigures, after: MarginFigures): BeforeAfter {
  const pick = ({ cost, revenue, loadedCost }: MarginFigures): MarginFigures => figures(cost, revenue, loadedCost);
  return {
    before: pick(before),
    after: pick(after),
    delta: {
      cost: after.cost - before.cost,
      revenue: after.revenue - before.revenue,
      margin: after.margin - before.margin,
    },
  };
}

const ZERO: MarginFigures = figures(0n, 0n);

/** Pairs rows of two lists by key; a row missing on one side counts as zero there. */
function joinBy<T extends MarginFigures>(
  before: readonly T[],
  after: readonly T[],
  key: (row: T) => string,
): [string, MarginFigures, MarginFigures][] {
  const b = new Map(before.map((row) => [key(row), row]));
  const a = new Map(after.map((row) => [key(row), row]));
  const keys = [...new Set([...b.keys(), ...a.keys()])].sort(compareText);
  return keys.map((k) => [k, b.get(k) ?? ZERO, a.get(k) ?? ZERO]);
}
