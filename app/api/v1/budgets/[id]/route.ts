import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { auditActorOf } from "@/lib/alerts/api";
import { listAudit } from "@/lib/audit/trail";
import { deleteBudget, getBudget, updateBudget } from "@/lib/budgets/db/store";
import { budgetPatchSchema } from "@/lib/budgets/schema";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** The budget and its audit trail (who changed it, when, before and after). */
export const GET = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { key: "read", session: "view" },
  handler: async ({ params, projectId, principal }) => {
    const budget = await getBudget(getDb().pool, projectId, params.id);
    return { budget, audit: await listAudit(getDb().pool, principal.orgId, budget.id) };
  },
});

/** Changes any of the budget's fields (the rest stay); the result is checked whole. */
export const PATCH = defineRoute<typeof budgetPatchSchema, z.ZodObject, Params>({
  auth: { session: "manageBudgets", key: "admin" },
  body: budgetPatchSchema,
  handler: async ({ body, params, principal }) => ({
    budget: await updateBudget(getDb().pool, auditActorOf(principal), params.id, body),
  }),
});

export const DELETE = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { session: "manageBudgets", key: "admin" },
  handler: async ({ params, principal }) => ({
    budget: await deleteBudget(getDb().pool, auditActorOf(principal), params.id),
  }),
});
