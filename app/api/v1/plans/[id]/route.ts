import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { archivePlan, getPlan, updatePlan } from "@/lib/margins/db";
import { projectCalendar } from "@/lib/analytics/calendar";
import { todayIn } from "@/lib/calendar/zone";
import { camelKeys, planToWire, planVersionToWire, withWireErrors } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { key: "read", session: "view" },
  handler: async ({ params, projectId }) => ({ plan: planToWire(await getPlan(getDb(), projectId, params.id)) }),
});

const editQuery = z.object({
  effective_from: z.string().optional(),
  allow_backdate: z.enum(["true", "false"], { error: 'allow_backdate must be "true" or "false"' }).optional(),
});

/**
 * An edit adds a version (body: the plan): from `effective_from` (default: the first day of the
 * next month). Earlier needs `allow_backdate=true`; the answer's `warnings` say what changes.
 */
export const PUT = defineRoute<z.ZodUnknown, typeof editQuery, Params>({
  auth: { session: "managePlans" },
  body: z.unknown(),
  query: editQuery,
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

/** Archives the plan: it leaves the pickers but keeps pricing the history assigned to it. */
export const DELETE = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { session: "managePlans" },
  handler: async ({ params, projectId }) => ({ plan: planToWire(await archivePlan(getDb(), projectId, params.id)) }),
});
