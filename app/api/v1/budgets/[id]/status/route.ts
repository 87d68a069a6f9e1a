import type { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { getBudgetStatus, projectTimezone } from "@/lib/budgets/db/status";
import { getBudget } from "@/lib/budgets/db/store";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** Spend to date, forecast with its method and band, breach dates and thresholds crossed. */
export const GET = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { key: "read", session: "view" },
  handler: async ({ params, projectId }) => {
    const { pool } = getDb();
    const budget = await getBudget(pool, projectId, params.id);
    return getBudgetStatus(pool, budget, await projectTimezone(pool, projectId));
  },
});
