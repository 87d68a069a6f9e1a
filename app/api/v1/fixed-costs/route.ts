import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { createFixedCost, fixedCostCreateSchema, listFixedCosts } from "@/lib/pricing/db";

export const dynamic = "force-dynamic";

/** Fixed monthly costs (platform fee, committed-use discount) loaded onto usage for fully loaded margins. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  handler: async ({ projectId }) => ({ fixed_costs: await listFixedCosts(getDb().pool, projectId) }),
});

export const POST = defineRoute({
  auth: { key: "admin", session: "managePlans" },
  body: fixedCostCreateSchema,
  handler: async ({ body, projectId, principal }) =>
    Response.json(
      { fixed_cost: await createFixedCost(getDb().pool, projectId, body, actorOf(principal)) },
      { status: 201 },
    ),
});
