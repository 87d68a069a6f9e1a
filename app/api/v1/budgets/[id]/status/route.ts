import { defineRoute } from "@/lib/api/route";
import { idParams } from "@/lib/api/params";
import { budgetStatusSchema } from "@/lib/budgets/contracts";
import { getBudgetStatus, projectTimezone } from "@/lib/budgets/db/status";
import { getBudget } from "@/lib/budgets/db/store";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "Spend to date, forecast with its method and band, breach dates and thresholds crossed.",
  auth: { key: "read", session: "view" },
  params: idParams,
  response: budgetStatusSchema,
  handler: async ({ params, projectId }) => {
    const { pool } = getDb();
    const budget = await getBudget(pool, projectId, params.id);
    return getBudgetStatus(pool, budget, await projectTimezone(pool, projectId));
  },
});
