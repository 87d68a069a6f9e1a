import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { listPoolRules, poolRuleSchema, setPoolRule } from "@/lib/pricing/db";

export const dynamic = "force-dynamic";

/** How each pool's idle cost is loaded onto usage: proportional (default) or overhead. */
export const GET = defineRoute({
  auth: { key: "admin", session: "view" },
  handler: async ({ projectId }) => ({ rules: await listPoolRules(getDb().pool, projectId) }),
});

export const PUT = defineRoute({
  auth: { key: "admin", session: "managePlans" },
  body: poolRuleSchema,
  handler: async ({ body, projectId }) => ({ rule: await setPoolRule(getDb().pool, projectId, body) }),
});
