/**
 * Server side of the pricing & margin page: the plans, on the plans and simulator tabs their
 * options, and on the margins tab the report with its compared plan (reusing the plans read here), answered by the functions behind
 * the margins API (lib/margins/db/answers), mapped to the same snake_case wire JSON
 * (lib/margins/wire) and keyed as the page's hooks key them.
 */
import { dehydrate, type DehydratedState } from "@tanstack/react-query";
import type { Database } from "@/lib/db/client";
import { marginOptionsAnswer, marginsAnswer } from "@/lib/margins/db/answers";
import { listPlans } from "@/lib/margins/db/plans-repo";
import { marginOptionsToWire, marginsToWire, planToWire } from "@/lib/margins/wire";
import { marginKeys, type Period } from "@/lib/query/margin-keys";
import { asAnswer, serverQueryClient } from "@/lib/query/prefetch";
import { comparedPlan, usesOptions, type PricingTab } from "@/components/margins/compare-choice";

export async function prefetchPricing(
  db: Database,
  input: { projectId: string; period: Period; tab: PricingTab; plan: string | undefined },
): Promise<DehydratedState> {
  const client = serverQueryClient();
  const plans = await listPlans(db, input.projectId, { includeArchived: true });
  client.setQueryData(marginKeys.plans(input.projectId), asAnswer({ plans: plans.map(planToWire) }));
  const compareId = comparedPlan(
    input.plan,
    plans.map((plan) => ({ id: plan.id, type: plan.type, archived: plan.archivedAt !== null })),
  );
  await Promise.all([
    usesOptions(input.tab) &&
      client.prefetchQuery({
        queryKey: marginKeys.options(input.projectId, input.period),
        queryFn: async () =>
          asAnswer(marginOptionsToWire(await marginOptionsAnswer(db, input.projectId, input.period))),
      }),
    input.tab === "margins" &&
      client.prefetchQuery({
        queryKey: marginKeys.report(input.projectId, input.period, compareId),
        queryFn: async () =>
          asAnswer(
            marginsToWire(
              await marginsAnswer(db, input.projectId, input.period, {
                groupBy: "customer",
                costBasis: "loaded",
                comparePlanId: compareId ?? undefined,
                plans,
              }),
              { customerFeatures: false },
            ),
          ),
      }),
  ]);
  return dehydrate(client);
}
