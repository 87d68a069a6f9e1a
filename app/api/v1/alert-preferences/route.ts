import { defineRoute } from "@/lib/api/route";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/api/route";
import { getPreference, setPreference, type Member } from "@/lib/alerts/db/preferences";
import { getDb } from "@/lib/db/client";
import { z } from "zod";

export const dynamic = "force-dynamic";

/** The signed-in member themself: a preference belongs to a person, never to an API key. */
function memberOf(principal: Principal): Member {
  if (principal.kind !== "session")
    throw new ApiError("unauthorized", "Alert preferences belong to a signed-in member");
  return { orgId: principal.orgId, userId: principal.userId };
}

/** GET /api/v1/alert-preferences?project=: the signed-in member's own alert emails. */
export const GET = defineRoute({
  auth: { session: "view" },
  handler: async ({ principal }) => ({ preference: await getPreference(getDb().pool, memberOf(principal)) }),
});

/** PUT: {budget_alerts, anomaly_min_severity}; every member sets their own. */
export const PUT = defineRoute({
  auth: { session: "view" },
  body: z.unknown(),
  handler: async ({ body, principal }) => ({
    preference: await setPreference(getDb().pool, memberOf(principal), body),
  }),
});
