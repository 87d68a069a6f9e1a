import { defineRoute } from "@/lib/api/route";
import { auditActorOf } from "@/lib/alerts/api";
import { parsedByDomain } from "@/lib/api/wire";
import { budgetListResponse, budgetResponse } from "@/lib/budgets/contracts";
import { getBudgetStatus, projectTimezone } from "@/lib/budgets/db/status";
import { createBudget, listBudgets } from "@/lib/budgets/db/store";
import { budgetInputSchema } from "@/lib/budgets/schema";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "The project's budgets, each with where it stands now (spend, forecast, breach dates).",
  auth: { key: "read", session: "view" },
  response: budgetListResponse,
  handler: async ({ projectId }) => {
    const { pool } = getDb();
    const [budgets, timezone] = await Promise.all([listBudgets(pool, projectId), projectTimezone(pool, projectId)]);
    return { budgets: await Promise.all(budgets.map((budget) => getBudgetStatus(pool, budget, timezone))) };
  },
});

export const POST = defineRoute({
  summary: "Creates a budget from its JSON (amount as a decimal string); errors name the field.",
  auth: { session: "manageBudgets", key: "admin" },
  body: parsedByDomain(budgetInputSchema),
  response: budgetResponse,
  status: 201,
  handler: async ({ body, principal }) => ({ budget: await createBudget(getDb().pool, auditActorOf(principal), body) }),
});
