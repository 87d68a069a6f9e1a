import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { createPlan, listPlans } from "@/lib/margins/db";
import { camelKeys, planToWire, withWireErrors } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  query: z.object({ archived: z.enum(["true", "false"]).default("false") }),
  handler: async ({ query, projectId }) => ({
    plans: (await listPlans(getDb(), projectId, { includeArchived: query.archived === "true" })).map(planToWire),
  }),
});

/** Creates a plan from its snake_case JSON (money as decimal strings); errors name the field. */
export const POST = defineRoute({
  auth: { session: "managePlans" },
  body: z.unknown(),
  handler: async ({ body, projectId, principal }) => {
    const input = camelKeys(body);
    const plan = await withWireErrors(() => createPlan(getDb(), projectId, actorOf(principal), input));
    return Response.json({ plan: planToWire(plan) }, { status: 201 });
  },
});
