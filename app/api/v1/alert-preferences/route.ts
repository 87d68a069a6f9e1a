import { defineRoute } from "@/lib/api/route";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/api/route";
import { parsedByDomain } from "@/lib/api/wire";
import { preferenceResponse } from "@/lib/alerts/contracts";
import { getPreference, preferenceSchema, setPreference, type Member } from "@/lib/alerts/db/preferences";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** The signed-in member themself: a preference belongs to a person, never to an API key. */
function memberOf(principal: Principal): Member {
  if (principal.kind !== "session")
    throw new ApiError("unauthorized", "Alert preferences belong to a signed-in member");
  return { orgId: principal.orgId, userId: principal.userId };
}

export const GET = defineRoute({
  summary: "The signed-in member's own alert emails.",
  auth: { session: "view" },
  response: preferenceResponse,
  handler: async ({ principal }) => ({ preference: await getPreference(getDb().pool, memberOf(principal)) }),
});

export const PUT = defineRoute({
  summary: "Sets the signed-in member's own alert emails; every member sets their own.",
  auth: { session: "view" },
  body: parsedByDomain(preferenceSchema),
  response: preferenceResponse,
  handler: async ({ body, principal }) => ({
    preference: await setPreference(getDb().pool, memberOf(principal), body),
  }),
});
