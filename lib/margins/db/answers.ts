/**
 * The margins API's JSON answers as functions: the route handlers call them, and so does the
 * pricing page's server-side prefetch, so its first data is the answer its hooks would fetch.
 */
import type { Database } from "@/lib/db/client";
import { getProjectPriceBook } from "@/lib/pricing/server";
import type { Period } from "@/lib/calendar/months";
import { usdJson } from "@/lib/money";
import { startAnswer, takeAnswer } from "@/lib/api/answers-ahead";
import type { CustomerMarginsResponse } from "../wire/customer-margins";
import { computeMargins } from "../engine";
import { simulatorModels } from "./catalog";
import { listFeatureModels, listOutcomeTypes, loadPeriod, type CostBasis } from "./load-period";
import type { StoredPlan } from "./plans-repo";
import { marginsReport } from "./report";

export async function marginsAnswer(
  db: Database,
  projectId: string,
  period: Period,
  options: { groupBy: "customer" | "feature"; comparePlanId?: string; costBasis: CostBasis; plans?: StoredPlan[] },
) {
  const report = await marginsReport(db, projectId, period, {
    costBasis: options.costBasis,
    ...(options.comparePlanId ? { comparePlanId: options.comparePlanId } : {}),
    ...(options.plans ? { plans: options.plans } : {}),
  });
  return { groupBy: options.groupBy, ...report };
}

/** What the plan editor and simulator offer: outcome types, the period's feature/model pairs, price-book models. */
export async function marginOptionsAnswer(db: Database, projectId: string, period: Period) {
  const [outcomeTypes, featureModels, book] = await Promise.all([
    listOutcomeTypes(db, projectId),
    listFeatureModels(db, projectId, period),
    getProjectPriceBook(db.pool, projectId),
  ]);
  return { period, outcomeTypes, featureModels, models: simulatorModels(book) };
}

/** Each customer's revenue and margin on fully loaded cost (GET /api/v1/margins/customers): the report's figures, none of its detail. */
export async function customerMarginsAnswer(
  db: Database,
  projectId: string,
  period: Period,
): Promise<CustomerMarginsResponse> {
  const { input } = await loadPeriod(db, projectId, period, { costBasis: "loaded" });
  return {
    period: { from: period.from, to: period.to },
    customers: computeMargins(input).customers.map((customer) => ({
      customer: customer.customer,
      revenue: usdJson(customer.revenue),
      margin: usdJson(customer.margin),
      margin_pct: customer.marginPct,
    })),
  };
}

const customerMarginsKey = (projectId: string, period: Period) =>
  `margins/customers:${projectId}:${period.from}:${period.to}`;

/** Starts customerMarginsAnswer for a request the customers page's browser is about to make. */
export function startCustomerMargins(db: Database, projectId: string, period: Period): void {
  startAnswer(customerMarginsKey(projectId, period), () => customerMarginsAnswer(db, projectId, period));
}

/** customerMarginsAnswer, or the same answer a page started for this request moments ago. */
export function takeCustomerMargins(db: Database, projectId: string, period: Period): Promise<CustomerMarginsResponse> {
  return takeAnswer(customerMarginsKey(projectId, period), () => customerMarginsAnswer(db, projectId, period));
}
