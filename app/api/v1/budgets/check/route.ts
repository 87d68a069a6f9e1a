import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { checkBudgets } from "@/lib/budgets/db/check";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const value = z.string().trim().min(1, "empty: leave it out").max(200, "at most 200 characters").optional();

/**
 * Before an expensive call: `?customer=acme&feature=support-bot&model=gpt-4o` answers which
 * budgets apply, their spend this period, what remains and whether any is breached
 * (`allowed: false`). Read from the rollups; the caller enforces its own hard limit.
 */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  query: z
    .object({ customer: value, feature: value, model: value, provider: value, project: z.string().optional() })
    .strict(),
  handler: async ({ query, projectId }) => {
    const { customer, feature, model, provider } = query;
    const call = Object.fromEntries(
      Object.entries({ customer, feature, model, provider }).filter(([, v]) => v !== undefined),
    );
    return checkBudgets(getDb().pool, projectId, call);
  },
});
