/**
 * Builds the margin engine's input for one project and period from the database: usage from the
 * month read model (usage-segments.ts) or the daily rollups, never raw events; outcomes from the
 * daily rollups; every known customer (so subscribers without usage still pay their fee), the
 * plans, assignments and imported revenue.
 * Money is read from numeric columns as text and converted exactly.
 */
import type { Database } from "@/lib/db/client";
import { usdToFemto } from "@/lib/money";
import { keyOf } from "@/lib/pricing/fully-loaded";
import { loadFullyLoadedCost } from "@/lib/pricing/server";
import type { FullyLoaded, KeyUsage } from "@/lib/pricing/fully-loaded";
import type { Period } from "@/lib/calendar/months";
import type { MarginInput } from "../engine";
import { compareText, groupByCustomer, type OutcomeAggregate, type UsageAggregate } from "../types";
import { usageGrain } from "../usage-grain";
import { listAssignments } from "./assignments-repo";
import { loadClosedRevenue } from "./closed-revenue";
import { loadPlans, loadPlanVersions } from "./plans-repo";
import { loadImportedRevenue } from "./revenue-repo";
import { UsageMerger, usageMeasures, type UsageByCustomer, type UsageRow } from "./usage-rows";
import { loadUsageSegments } from "./usage-segments";

export type CostBasis = "loaded" | "usage";

interface LoadedPeriod {
  input: MarginInput;
  /** How each pool's bill and each fixed cost was loaded (absent on the usage basis). */
  accounts: Pick<FullyLoaded, "pools" | "fixed"> | null;
  /** The provider each model of the period ran on, the first by name if several (for re-pricing). */
  providers: Map<string, string>;
}

interface LoadOptions {
  comparePlanIds?: readonly string[];
  costBasis?: CostBasis;
  /**
   * "read-model" (default): usage summed per month and segment where the plans allow
   * (usage-segments.ts); "days": every daily row. The engine's answer is the same from both.
   */
  usage?: "read-model" | "days";
}

export async function loadPeriod(
  db: Pick<Database, "pool">,
  projectId: string,
  period: Period,
  options: LoadOptions = {},
): Promise<LoadedPeriod> {
  // Each read starts as soon as what it needs is there, not round after round: the usage once
  // the plans are read (its grain depends on them), the closed months once the customers are,
  // the pools' bills and fixed costs at once (only their allocation waits for the usage).
  const settings = Promise.all([
    loadOutcomes(db, projectId, period),
    loadCustomers(db, projectId),
    loadPlans(db, projectId),
    loadPlanVersions(db, projectId),
    listAssignments(db, projectId),
    loadImportedRevenue(db, projectId, period),
  ]);
  const usage = settings.then(([, , plans, planVersions, assignments]) => {
    const grain =
      options.usage === "days"
        ? "days"
        : usageGrain({
            period,
            plans,
            planVersions,
            assignments,
            ...(options.comparePlanIds ? { comparePlanIds: options.comparePlanIds } : {}),
          });
    return grain === "days" ? loadUsage(db, projectId, period) : loadUsageSegments(db, projectId, period, grain);
  });
  // A closed month's frozen revenue replaces whatever the plans or imports would say now.
  const closedRevenue = settings.then(([, customers]) => loadClosedRevenue(db, projectId, period, customers));
  const fullyLoaded =
    options.costBasis === "usage"
      ? null
      : loadFullyLoadedCost(
          db.pool,
          projectId,
          period,
          ["customer", "feature"],
          usage.then(({ usage }) => usageCostByKey(usage)),
        );
  const [
    [outcomes, customers, plans, planVersions, assignments, imported],
    { usage: byCustomer, providers },
    closed,
    loaded,
  ] = await Promise.all([settings, usage, closedRevenue, fullyLoaded]);
  const closedMonths = new Set(closed.map((row) => row.month));
  const importedRevenue = [...imported.filter((row) => !closedMonths.has(row.month)), ...closed];
  return {
    accounts: loaded && { pools: loaded.pools, fixed: loaded.fixed },
    input: {
      ...(loaded ? { loaded: { extra: loaded.extra, overhead: loaded.overhead } } : {}),
      period,
      customers: groupByCustomer(byCustomer, outcomes, customers).map((customer) => {
        customer.usage.sort(byDayFeatureModel);
        return customer;
      }),
      plans,
      planVersions,
      assignments,
      importedRevenue,
      ...(options.comparePlanIds ? { comparePlanIds: options.comparePlanIds } : {}),
    },
    providers,
  };
}

async function loadUsage(
  db: Pick<Database, "pool">,
  projectId: string,
  period: Period,
): Promise<{ usage: UsageByCustomer; providers: Map<string, string> }> {
  // The rows as stored, one per day, feature, customer, provider and model: grouping them by
  // model in SQL made PostgreSQL sort the period's rows on disk (3.7 of 3.9 s for 90 days of
  // 2,000 customers, bench:margins). A model served by two providers is merged in TypeScript.
  // Read without ORDER BY (a sort of the whole period); each customer's rows are put in day,
  // feature and model order after grouping, so the engine's input does not depend on storage order.
  const { rows } = await db.pool.query<UsageRow>(
    `SELECT d.customer, to_char(d.day, 'YYYY-MM-DD') AS day, d.feature, d.model, d.provider, ${usageMeasures("d")}
       FROM usage_daily AS d
      WHERE d.project_id = $1 AND d.day BETWEEN $2::date AND $3::date`,
    [projectId, period.from, period.to],
  );
  const merger = new UsageMerger();
  for (const row of rows) merger.add(row);
  return { usage: merger.byCustomer(), providers: merger.providers() };
}

function usageCostByKey(usage: UsageByCustomer): KeyUsage[] {
  // In key order (customer, then feature): fixed costs split by weight give ties to the earlier
  // key, which must not depend on the order the rows were read in.
  const keys: KeyUsage[] = [];
  for (const customer of [...usage.keys()].sort(compareText)) {
    const byFeature = new Map<string, bigint>();
    for (const row of usage.get(customer)!) byFeature.set(row.feature, (byFeature.get(row.feature) ?? 0n) + row.cost);
    for (const feature of [...byFeature.keys()].sort(compareText))
      keys.push({ key: keyOf(customer, feature), usageCost: byFeature.get(feature)! });
  }
  return keys;
}

function byDayFeatureModel(a: UsageAggregate, b: UsageAggregate): number {
  return compareText(a.day, b.day) || compareText(a.feature, b.feature) || compareText(a.model, b.model);
}

async function loadOutcomes(
  db: Pick<Database, "pool">,
  projectId: string,
  period: Period,
): Promise<(OutcomeAggregate & { customer: string })[]> {
  // Quantities may carry decimals; plans charge per whole outcome, so a day's sum is rounded.
  // outcome_daily holds one row per day, feature, customer and outcome type (its key): read in
  // key order, unsorted and ungrouped (each customer's rows still come by day, feature, type).
  // ORDER BY names the table's `o.day`: a bare `day` is the to_char output, which PostgreSQL sorts.
  const { rows } = await db.pool.query<{
    customer: string;
    day: string;
    feature: string;
    outcome_type: string;
    count: string;
    value: string;
  }>(
    `SELECT o.customer, to_char(o.day, 'YYYY-MM-DD') AS day, o.feature, o.outcome_type,
            round(o.quantity)::text AS count, o.value::text AS value
       FROM outcome_daily AS o
      WHERE o.project_id = $1 AND o.day BETWEEN $2::date AND $3::date
      ORDER BY o.day, o.feature, o.customer, o.outcome_type`,
    [projectId, period.from, period.to],
  );
  return rows.map((row) => ({
    customer: row.customer,
    day: row.day,
    feature: row.feature,
    outcomeType: row.outcome_type,
    count: Number(row.count),
    value: usdToFemto(row.value),
  }));
}

async function loadCustomers(db: Pick<Database, "pool">, projectId: string): Promise<string[]> {
  const { rows } = await db.pool.query<{ external_id: string }>(
    `SELECT external_id FROM customers WHERE project_id = $1 ORDER BY external_id`,
    [projectId],
  );
  return rows.map((row) => row.external_id);
}

/** Outcome types the project has sent, for plan editors. */
export async function listOutcomeTypes(db: Database, projectId: string): Promise<string[]> {
  const { rows } = await db.pool.query<{ outcome_type: string }>(
    `SELECT DISTINCT outcome_type FROM outcome_daily WHERE project_id = $1 ORDER BY outcome_type`,
    [projectId],
  );
  return rows.map((row) => row.outcome_type);
}

/** Features and models with usage in the period, for the simulator's pickers. */
export async function listFeatureModels(
  db: Database,
  projectId: string,
  period: Period,
): Promise<{ feature: string; model: string; provider: string; cost: string }[]> {
  const { rows } = await db.pool.query<{ feature: string; model: string; provider: string; cost: string }>(
    `SELECT feature, model, min(provider) AS provider, sum(cost_total)::text AS cost
       FROM usage_daily WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date
      GROUP BY feature, model ORDER BY sum(cost_total) DESC, feature, model`,
    [projectId, period.from, period.to],
  );
  return rows;
}
