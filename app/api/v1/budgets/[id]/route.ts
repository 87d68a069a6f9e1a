import { defineRoute } from "@/lib/api/route";
import { idParams } from "@/lib/api/params";
import { auditActorOf } from "@/lib/alerts/api";
import { listAudit } from "@/lib/audit/trail";
import { budgetResponse, budgetWithAuditResponse } from "@/lib/budgets/contracts";
import { deleteBudget, getBudget, updateBudget } from "@/lib/budgets/db/store";
import { budgetPatchSchema } from "@/lib/budgets/schema";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "The budget and its audit trail (who changed it, when, before and after).",
  auth: { key: "read", session: "view" },
  params: idParams,
  response: budgetWithAuditResponse,
  handler: async ({ params, projectId, principal }) => {
    const budget = await getBudget(getDb().pool, projectId, params.id);
    return { budget, audit: await listAudit(getDb().pool, principal.orgId, budget.id) };
  },
});

export const PATCH = defineRoute({
  summary: "Changes any of the budget's fields (the rest stay); the result is checked whole.",
  auth: { session: "manageBudgets", key: "admin" },
  params: idParams,
  body: budgetPatchSchema,
  response: budgetResponse,
  handler: async ({ body, params, principal }) => ({
    budget: await updateBudget(getDb().pool, auditActorOf(principal), params.id, body),
  }),
});

export const DELETE = defineRoute({
  summary: "Deletes the budget; the answer is the budget as it was.",
  auth: { session: "manageBudgets", key: "admin" },
  params: idParams,
  response: budgetResponse,
  handler: async ({ params, principal }) => ({
    budget: await deleteBudget(getDb().pool, auditActorOf(principal), params.id),
  }),
});
