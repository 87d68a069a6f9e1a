import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { listAssignments, replaceAssignments } from "@/lib/margins/db";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  handler: async ({ projectId }) => ({ assignments: await listAssignments(getDb(), projectId) }),
});

/**
 * Replaces every assignment: `{ "assignments": [{ "customer": null, "planId": "std",
 * "effectiveFrom": "2026-01-01" }, { "customer": "acme", "planId": "per-outcome", ... }] }`.
 * `customer: null` is the project default.
 */
export const PUT = defineRoute({
  auth: { session: "managePlans" },
  body: z.object({ assignments: z.unknown() }, { error: "the body must be an object with an assignments list" }),
  handler: async ({ body, projectId, principal }) => ({
    assignments: await replaceAssignments(getDb(), projectId, actorOf(principal), body.assignments),
  }),
});
