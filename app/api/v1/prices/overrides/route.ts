import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { listOverrides, createOverride } from "@/lib/pricing/db";
import { overrideCreateSchema } from "@/lib/pricing/schemas";
import { overrideListResponse, overrideResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "Project price overrides: discounts, markups, private or fine-tuned models, effective-dated.",
  auth: { key: "admin", session: "view" },
  response: overrideListResponse,
  handler: async ({ projectId }) => ({ overrides: await listOverrides(getDb().pool, projectId) }),
});

export const POST = defineRoute({
  summary:
    "Adds a price override from a date; events from then on are priced by it (re-price the past to apply it there).",
  auth: { key: "admin", session: "managePrices" },
  body: overrideCreateSchema,
  response: overrideResponse,
  status: 201,
  handler: async ({ body, projectId, principal }) => ({
    override: await createOverride(getDb().pool, projectId, body, actorOf(principal)),
  }),
});
