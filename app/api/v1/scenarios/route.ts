import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { createScenario, listScenarios } from "@/lib/margins/db";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  handler: async ({ projectId }) => ({ scenarios: await listScenarios(getDb(), projectId) }),
});

/** Saves a scenario (its JSON: name, changes); plan ids it edits must exist. */
export const POST = defineRoute({
  auth: { session: "managePlans" },
  body: z.unknown(),
  handler: async ({ body, projectId, principal }) =>
    Response.json({ scenario: await createScenario(getDb(), projectId, actorOf(principal), body) }, { status: 201 }),
});
