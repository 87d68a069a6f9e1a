/**
 * Wire contract of the margins report (`GET /margins`), the scenario replay
 * (`POST /scenarios/run`, `GET /margins?scenario=`) and the comparison (`POST /scenarios/compare`):
 * snake_case JSON, money as exact dollar strings. The route maps the domain answer with the
 * `...ToWire` functions; the client parses with the schemas.
 */
import { z } from "zod";
import type { marginsAnswer } from "@/lib/margins/db/answers";
import type { compareSavedScenarios, runScenario } from "@/lib/margins/db/report";
import { wireDay, wireMoney } from "@/lib/api/wire";
import { snakeKeys, snakePath, type SnakeKeys } from "./casing";

const usd = wireMoney;
const percent = z.number().nullable();
const period = z.object({ from: wireDay, to: wireDay }).describe("The period, both days included");
const month = z.string().describe("A month, YYYY-MM");

const figures = {
  cost: usd.describe("Usage cost: the events' own cost, tokens plus busy GPU time"),
  loaded_cost: usd.describe("Usage cost plus allocated idle GPU time and fixed costs (equal to cost without them)"),
  revenue: usd.describe("What the plans charge (or the imported billing, where a month has it)"),
  margin: usd.describe("revenue − loaded_cost: the margin on fully loaded cost"),
  margin_pct: percent.describe("margin / revenue in percent, two decimals, display only; null when revenue is 0"),
  usage_margin: usd.describe("revenue − cost: the margin on usage cost alone"),
  usage_margin_pct: percent.describe("usage_margin / revenue in percent; null when revenue is 0"),
};
const marginFiguresWire = z.object(figures);

const alternative = z
  .object({
    plan_id: z.string(),
    revenue: usd,
    margin: usd,
    margin_pct: percent,
    delta: usd.describe("Margin under this plan minus margin as assigned: positive means the business gains"),
  })
  .describe("The same usage priced under another plan");
const featureMargin = z.object({ ...figures, feature: z.string(), alternatives: z.array(alternative) });

const revenueLine = z.object({
  plan_id: z.string(),
  kind: z.enum(["fee", "usage", "overage", "outcome"]),
  month,
  from: wireDay,
  to: wireDay,
  feature: z.string(),
  outcome_type: z.string().optional(),
  amount: usd,
  note: z.string(),
});

const allowanceUse = z.object({
  plan_id: z.string(),
  month: z.string(),
  from: z.string(),
  to: z.string(),
  unit: z.enum(["tokens", "requests", "cost"]),
  allowance: z.string().describe("Dollars when `unit` is cost, else a whole count, as a string either way"),
  used: z.string().describe("How much of the allowance the month used, in the same unit"),
  crossed_on: wireDay.nullable().describe("The day usage went past the allowance; null if it did not"),
});

const customerMarginWire = z.object({
  ...figures,
  customer: z.string().describe("The customer id sent with the usage events"),
  plans: z
    .array(z.object({ plan_id: z.string().nullable(), from: wireDay, to: wireDay }))
    .describe("The plans the customer was on in the period, one span each"),
  computed_revenue: usd.describe("Revenue as the plans compute it"),
  imported_revenue: usd
    .nullable()
    .describe("Imported revenue counted for the period (prorated); null when no month was imported"),
  revenue_source: z.enum(["computed", "imported", "mixed"]).describe("Where `revenue` comes from"),
  requests: z.number(),
  unpriced_requests: z.number().describe("Requests whose cost is unknown (no price yet); their cost is not in cost"),
  features: z
    .array(featureMargin)
    .optional()
    .describe("The customer's cost, revenue and margin per feature; left out with customer_features=false"),
  alternatives: z.array(alternative),
  revenue_lines: z.array(revenueLine).describe("How the revenue adds up: fees, usage, overage and outcomes"),
  allowances: z.array(allowanceUse).describe("Subscription allowances: how much each month used"),
});

const histogramBucket = z.object({
  key: z.string(),
  label: z.string(),
  from_percent: z.number().nullable(),
  to_percent: z.number().nullable(),
  count: z.number(),
  customers: z.array(z.string()),
  revenue: usd,
  margin: usd,
});

const revenueAtRisk = z
  .object({ revenue: usd, total_revenue: usd, share: z.number().nullable() })
  .describe("Revenue from loss-making customers, and its share of all revenue");

const outcomeEconomics = z.object({
  feature: z.string(),
  outcome_type: z.string(),
  outcomes: z.number(),
  value: usd,
  cost: usd,
  break_even_price: usd.nullable(),
  spread_over: z.enum(["customers", "days"]),
  samples: z.number(),
  p10: usd.nullable(),
  p50: usd.nullable(),
  p90: usd.nullable(),
  without_outcomes: z.number(),
});

const rule = z.enum(["proportional", "overhead"]);
const fullyLoaded = z.object({
  pools: z.array(
    z.object({
      pool: z.string(),
      rule,
      bill: usd,
      busy: usd,
      idle: usd,
      allocated_idle: usd,
      unallocated: usd,
    }),
  ),
  fixed: z.array(z.object({ name: z.string(), rule, amount: usd, allocated: usd, unallocated: usd })),
});

const reportFields = {
  period,
  totals: z
    .object({ ...figures, alternatives: z.array(alternative), unpriced_requests: z.number() })
    .describe("Customers' figures summed, plus the unallocated overhead in loaded_cost and margin"),
  overhead: z
    .array(z.object({ name: z.string(), amount: usd }))
    .describe("Costs kept unallocated (a pool's idle time under the overhead rule, ...), in totals only"),
  customers: z.array(customerMarginWire).describe("One row per customer"),
  features: z.array(featureMargin.extend({ customers: z.number() })).describe("One row per feature"),
  comparisons: z.array(
    z.object({
      plan_id: z.string(),
      plan_name: z.string(),
      totals: alternative,
      gainers: z.array(z.object({ customer: z.string(), delta: usd })),
      losers: z.array(z.object({ customer: z.string(), delta: usd })),
      unchanged: z.array(z.string()),
    }),
  ),
  distribution: z.array(histogramBucket).describe("How many customers fall in each margin band"),
  loss_making: z.array(z.object({ ...figures, customer: z.string() })).describe("Customers with a negative margin"),
  revenue_at_risk: revenueAtRisk,
  outcomes: z.array(outcomeEconomics).describe("Per feature and outcome type: cost per outcome and break-even price"),
};
const marginReportWire = z.object(reportFields);

export const marginsWire = marginReportWire.extend({
  group_by: z.enum(["customer", "feature"]),
  cost_basis: z
    .enum(["loaded", "usage"])
    .describe("loaded: GPU idle time and fixed costs are allocated; usage: the events' own cost only"),
  fully_loaded: fullyLoaded
    .nullable()
    .describe("How GPU pools and fixed costs were allocated; null when there are none"),
  plans: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      type: z.enum(["usage", "outcome", "subscription", "hybrid"]),
      archived: z.boolean(),
    }),
  ),
  assignments: z.array(
    z.object({ customer: z.string().nullable(), plan_id: z.string().nullable(), effective_from: wireDay }),
  ),
  explanations: z
    .object({
      cost: z.string(),
      loaded_cost: z.string(),
      revenue: z.string(),
      margin: z.string(),
      margin_pct: z.string(),
      comparison: z.string(),
      distribution: z.string(),
      revenue_at_risk: z.string(),
      break_even: z.string(),
      simulation: z.string(),
    })
    .describe("How each figure is computed, for footnotes and hover text"),
});
export type MarginsWire = z.infer<typeof marginsWire>;
type CustomerMarginWire = z.infer<typeof customerMarginWire>;

type MarginsAnswer = Awaited<ReturnType<typeof marginsAnswer>>;
type CustomerAnswer = MarginsAnswer["customers"][number];
type FeatureAnswer = CustomerAnswer["features"][number];
type AlternativeAnswer = FeatureAnswer["alternatives"][number];

/** The wire type is exactly the domain type renamed: a field added to one and not the other fails typecheck. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// `features` may be left out on the wire (customer_features=false); every other field is required.
type WireCustomerShape = Omit<SnakeKeys<CustomerAnswer>, "features"> &
  Partial<Pick<SnakeKeys<CustomerAnswer>, "features">>;
const customerShapeMatches: Same<WireCustomerShape, CustomerMarginWire> = true;
// Explanations are literal texts in the domain, any string on the wire: their names must match.
const reportShapeMatches: Same<
  Omit<SnakeKeys<MarginsAnswer>, "explanations" | "customers">,
  Omit<MarginsWire, "explanations" | "customers">
> = true;
const explanationsMatch: Same<keyof SnakeKeys<MarginsAnswer>["explanations"], keyof MarginsWire["explanations"]> = true;
void [customerShapeMatches, reportShapeMatches, explanationsMatch];

/**
 * The report as wire JSON. Customers are most of a 2,000-customer report (tens of thousands of
 * objects), so they are mapped by shape-specific literals, several times cheaper than the
 * generic rename (bench:margins-wire); the rest is small and renamed generically.
 */
/** `customerFeatures: false` leaves out each customer's per-feature rows (a third of the answer; the pricing page shows none). */
export function marginsToWire(answer: MarginsAnswer, { customerFeatures = true } = {}): MarginsWire {
  const { customers, ...rest } = answer;
  return { ...snakeKeys(rest), customers: customers.map((customer) => customerToWire(customer, customerFeatures)) };
}

function alternativeToWire(a: AlternativeAnswer): SnakeKeys<AlternativeAnswer> {
  return { plan_id: a.planId, revenue: a.revenue, margin: a.margin, margin_pct: a.marginPct, delta: a.delta };
}

function featureToWire(f: FeatureAnswer): SnakeKeys<FeatureAnswer> {
  return {
    feature: f.feature,
    cost: f.cost,
    loaded_cost: f.loadedCost,
    revenue: f.revenue,
    margin: f.margin,
    margin_pct: f.marginPct,
    usage_margin: f.usageMargin,
    usage_margin_pct: f.usageMarginPct,
    alternatives: f.alternatives.map(alternativeToWire),
  };
}

function customerToWire(c: CustomerAnswer, withFeatures: boolean): CustomerMarginWire {
  return {
    customer: c.customer,
    cost: c.cost,
    loaded_cost: c.loadedCost,
    revenue: c.revenue,
    margin: c.margin,
    margin_pct: c.marginPct,
    usage_margin: c.usageMargin,
    usage_margin_pct: c.usageMarginPct,
    plans: c.plans.map((span) => ({ plan_id: span.planId, from: span.from, to: span.to })),
    computed_revenue: c.computedRevenue,
    imported_revenue: c.importedRevenue,
    revenue_source: c.revenueSource,
    requests: c.requests,
    unpriced_requests: c.unpricedRequests,
    ...(withFeatures ? { features: c.features.map(featureToWire) } : {}),
    alternatives: c.alternatives.map(alternativeToWire),
    revenue_lines: c.revenueLines.map((line) => ({
      plan_id: line.planId,
      kind: line.kind,
      month: line.month,
      from: line.from,
      to: line.to,
      feature: line.feature,
      ...(line.outcomeType === undefined ? {} : { outcome_type: line.outcomeType }),
      amount: line.amount,
      note: line.note,
    })),
    allowances: c.allowances.map((use) => ({
      plan_id: use.planId,
      month: use.month,
      from: use.from,
      to: use.to,
      unit: use.unit,
      allowance: use.allowance,
      used: use.used,
      crossed_on: use.crossedOn,
    })),
  };
}

const beforeAfter = {
  before: marginFiguresWire,
  after: marginFiguresWire,
  delta: z.object({ cost: usd, revenue: usd, margin: usd }),
};
const beforeAfterPair = (shape: z.ZodType) => z.object({ before: shape, after: shape });

export const simulationWire = z.object({
  period,
  scenario: z.object({ name: z.string(), description: z.string().optional() }),
  totals: z.object(beforeAfter).describe("The project's figures before and after the scenario"),
  customers: z.array(z.object({ ...beforeAfter, customer: z.string() })),
  features: z.array(z.object({ ...beforeAfter, feature: z.string() })),
  unpriced: z
    .array(
      z.object({ change: z.number(), feature: z.string(), model: z.string(), to_model: z.string(), rows: z.number() }),
    )
    .describe("Rollup rows a change left unchanged because no cost could be computed (change: its index)"),
  loss_making: beforeAfterPair(reportFields.loss_making),
  revenue_at_risk: beforeAfterPair(revenueAtRisk),
  explanation: z.string(),
});
export type SimulationWire = z.infer<typeof simulationWire>;

/** `scenario_id` is set when the margins endpoint replays a saved scenario (`?scenario=`). */
export const scenarioReplayWire = simulationWire.extend({
  scenario_id: z.string().describe("Set when `scenario` replays a saved scenario: the answer is then its replay"),
});

type Simulation = Awaited<ReturnType<typeof runScenario>> & { period: { from: string; to: string } };

export function simulationToWire(answer: Simulation): SimulationWire {
  return snakeKeys(answer);
}

const fieldError = z.object({ path: z.string(), message: z.string() });
export const comparisonWire = z.object({
  period,
  baseline: marginFiguresWire.describe("The period's figures as things stand"),
  scenarios: z.array(
    z.discriminatedUnion("ok", [
      z.object({
        id: z.string(),
        name: z.string(),
        ok: z.literal(true),
        after: marginFiguresWire,
        delta: beforeAfter.delta,
        unpriced_rows: z.number(),
      }),
      z.object({ id: z.string(), name: z.string(), ok: z.literal(false), errors: z.array(fieldError) }),
    ]),
  ),
  explanation: z.string(),
});
export type ComparisonWire = z.infer<typeof comparisonWire>;

/** A scenario that no longer applies keeps its errors, their paths in the wire's names. */
export function comparisonToWire(answer: Awaited<ReturnType<typeof compareSavedScenarios>>): ComparisonWire {
  const wire = snakeKeys(answer);
  return {
    ...wire,
    scenarios: wire.scenarios.map((row) =>
      row.ok ? row : { ...row, errors: row.errors.map((error) => ({ ...error, path: snakePath(error.path) })) },
    ),
  };
}
