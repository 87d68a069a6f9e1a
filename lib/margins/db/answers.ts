/**
 * The margins API's JSON answers as functions: the route handlers call them, and so does the
 * pricing page's server-side prefetch, so its first data is the answer its hooks would fetch.
 */
import type { Database } from "@/lib/db/client";
import { getProjectPriceBook } from "@/lib/pricing/server";
import type { Period } from "@/lib/calendar/months";
import { simulatorModels } from "./catalog";
import { listFeatureModels, listOutcomeTypes, type CostBasis } from "./load-period";
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
