import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { fixedCostAnswerWire, fixedCostsWire } from "@/lib/margins/wire";
import { createFixedCost, fixedCostCreateSchema, listFixedCosts } from "@/lib/pricing/db";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "Fixed monthly costs (platform fee, committed-use discount) loaded onto usage for fully loaded margins.",
  auth: { key: "read", session: "view" },
  response: fixedCostsWire,
  handler: async ({ projectId }) => ({ fixed_costs: await listFixedCosts(getDb().pool, projectId) }),
});

export const POST = defineRoute({
  summary: "Adds a fixed monthly cost, spread over usage by its rule from `from_month` (to `to_month` if set).",
  auth: { key: "admin", session: "managePlans" },
  body: fixedCostCreateSchema,
  response: fixedCostAnswerWire,
  status: 201,
  handler: async ({ body, projectId, principal }) => ({
    fixed_cost: await createFixedCost(getDb().pool, projectId, body, actorOf(principal)),
  }),
});
