import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { parsedByDomain } from "@/lib/api/wire";
import { createPlan, listPlans } from "@/lib/margins/db";
import {
  camelKeys,
  planAnswerWire,
  planDefinitionWire,
  plansListWire,
  planToWire,
  withWireErrors,
} from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "The project's pricing plans, each with its current definition; `archived=true` includes archived ones.",
  auth: { key: "read", session: "view" },
  query: z.object({
    archived: z.enum(["true", "false"]).default("false").describe("true: archived plans are listed too"),
  }),
  response: plansListWire,
  handler: async ({ query, projectId }) => ({
    plans: (await listPlans(getDb(), projectId, { includeArchived: query.archived === "true" })).map(planToWire),
  }),
});

export const POST = defineRoute({
  summary: "Creates a plan from its snake_case JSON (money as decimal strings); errors name the field.",
  auth: { session: "managePlans" },
  body: parsedByDomain(planDefinitionWire),
  response: planAnswerWire,
  status: 201,
  handler: async ({ body, projectId, principal }) => {
    const input = camelKeys(body);
    const plan = await withWireErrors(() => createPlan(getDb(), projectId, actorOf(principal), input));
    return { plan: planToWire(plan) };
  },
});
