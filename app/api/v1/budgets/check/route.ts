import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { budgetCheckResponse } from "@/lib/budgets/contracts";
import { checkBudgets } from "@/lib/budgets/db/check";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const value = z.string().trim().min(1, "empty: leave it out").max(200, "at most 200 characters").optional();

export const GET = defineRoute({
  summary:
    "Before an expensive call: which budgets apply to `?customer=acme&feature=support-bot&model=gpt-4o`, their spend this period, what remains, and `allowed: false` when any is spent. From the rollups, a few ms; the caller enforces its own limit.",
  auth: { key: "read", session: "view" },
  query: z
    .object({ customer: value, feature: value, model: value, provider: value, project: z.string().optional() })
    .strict(),
  response: budgetCheckResponse,
  handler: async ({ query, projectId }) => {
    const { customer, feature, model, provider } = query;
    const call = Object.fromEntries(
      Object.entries({ customer, feature, model, provider }).filter(([, v]) => v !== undefined),
    );
    return checkBudgets(getDb().pool, projectId, call);
  },
});
