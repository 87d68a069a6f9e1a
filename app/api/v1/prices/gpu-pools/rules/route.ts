import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { listPoolRules, poolRuleSchema, setPoolRule } from "@/lib/pricing/db";
import { poolRuleListResponse, poolRuleResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "How each pool's idle cost is loaded onto usage: proportional (default) or overhead.",
  auth: { key: "admin", session: "view" },
  response: poolRuleListResponse,
  handler: async ({ projectId }) => ({ rules: await listPoolRules(getDb().pool, projectId) }),
});

export const PUT = defineRoute({
  summary: "Sets one pool's idle rule.",
  auth: { key: "admin", session: "managePlans" },
  body: poolRuleSchema,
  response: poolRuleResponse,
  handler: async ({ body, projectId }) => ({ rule: await setPoolRule(getDb().pool, projectId, body) }),
});
