import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { listAssignments, replaceAssignments } from "@/lib/margins/db";
import { assignmentsWire, assignmentToWire, camelKeys, withWireErrors } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "Which plan each customer is on from which day; `customer: null` is the project default.",
  auth: { key: "read", session: "view" },
  response: assignmentsWire,
  handler: async ({ projectId }) => ({
    assignments: (await listAssignments(getDb(), projectId)).map(assignmentToWire),
  }),
});

/**
 * Replaces every assignment: `{ "assignments": [{ "customer": null, "plan_id": "std",
 * "effective_from": "2026-01-01" }, { "customer": "acme", "plan_id": "per-outcome", ... }] }`.
 * `customer: null` is the project default.
 */
export const PUT = defineRoute({
  summary:
    "Replaces every assignment with the list sent (`customer: null` is the project default); answers them as saved.",
  auth: { session: "managePlans" },
  body: z.object({ assignments: z.unknown() }, { error: "the body must be an object with an assignments list" }),
  response: assignmentsWire,
  handler: async ({ body, projectId, principal }) => {
    const input = camelKeys(body.assignments, "assignments");
    const saved = await withWireErrors(() => replaceAssignments(getDb(), projectId, actorOf(principal), input));
    return { assignments: saved.map(assignmentToWire) };
  },
});
