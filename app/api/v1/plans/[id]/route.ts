import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { parsedByDomain } from "@/lib/api/wire";
import { archivePlan, getPlan, updatePlan } from "@/lib/margins/db";
import { projectCalendar } from "@/lib/analytics/calendar";
import { todayIn } from "@/lib/calendar/zone";
import {
  camelKeys,
  planAnswerWire,
  planDefinitionWire,
  planEditWire,
  planIdParams,
  planToWire,
  planVersionToWire,
  withWireErrors,
} from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "One plan, with its current definition.",
  auth: { key: "read", session: "view" },
  params: planIdParams,
  response: planAnswerWire,
  handler: async ({ params, projectId }) => ({ plan: planToWire(await getPlan(getDb(), projectId, params.id)) }),
});

const editQuery = z.object({
  effective_from: z
    .string()
    .optional()
    .describe("The day the new version starts charging, YYYY-MM-DD (default: the first day of next month)"),
  allow_backdate: z
    .enum(["true", "false"], { error: 'allow_backdate must be "true" or "false"' })
    .optional()
    .describe("true: allows an effective_from before next month, repricing history"),
});

/**
 * An edit adds a version (body: the plan): from `effective_from` (default: the first day of the
 * next month). Earlier needs `allow_backdate=true`; the answer's `warnings` say what changes.
 */
export const PUT = defineRoute({
  summary:
    "Edits a plan by adding a version from `effective_from` (default: next month; earlier needs `allow_backdate=true`); `warnings` say what the edit changes in the past.",
  auth: { session: "managePlans" },
  params: planIdParams,
  body: parsedByDomain(planDefinitionWire),
  query: editQuery,
  response: planEditWire,
  handler: async ({ body, query, params, projectId, principal }) => {
    const db = getDb();
    const today = todayIn((await projectCalendar(db.pool, projectId)).timezone);
    const input = camelKeys(body);
    const { version, warnings, ...plan } = await withWireErrors(() =>
      updatePlan(db, projectId, params.id, input, {
        ...(query.effective_from !== undefined ? { effectiveFrom: query.effective_from } : {}),
        allowBackdate: query.allow_backdate === "true",
        today,
        userId: actorOf(principal),
      }),
    );
    return { plan: planToWire(plan), version: planVersionToWire(version), warnings };
  },
});

export const DELETE = defineRoute({
  summary: "Archives the plan: it leaves the pickers but keeps pricing the history assigned to it.",
  auth: { session: "managePlans" },
  params: planIdParams,
  response: planAnswerWire,
  handler: async ({ params, projectId }) => ({ plan: planToWire(await archivePlan(getDb(), projectId, params.id)) }),
});
