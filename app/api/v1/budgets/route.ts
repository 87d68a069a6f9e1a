import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { auditActorOf } from "@/lib/alerts/api";
import { getBudgetStatus, projectTimezone } from "@/lib/budgets/db/status";
import { createBudget, listBudgets } from "@/lib/budgets/db/store";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** The project's budgets, each with where it stands now (spend, forecast, breach dates). */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  handler: async ({ projectId }) => {
    const { pool } = getDb();
    const [budgets, timezone] = await Promise.all([listBudgets(pool, projectId), projectTimezone(pool, projectId)]);
    return { budgets: await Promise.all(budgets.map((budget) => getBudgetStatus(pool, budget, timezone))) };
  },
});

/** Creates a budget from its JSON (amount as a decimal string); errors name the field. */
export const POST = defineRoute({
  auth: { session: "manageBudgets", key: "admin" },
  body: z.unknown(),
  handler: async ({ body, principal }) =>
    Response.json({ budget: await createBudget(getDb().pool, auditActorOf(principal), body) }, { status: 201 }),
});
