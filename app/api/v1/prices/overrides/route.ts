import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { listOverrides, createOverride } from "@/lib/pricing/db";
import { overrideCreateSchema } from "@/lib/pricing/schemas";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: { key: "admin", session: "view" },
  handler: async ({ projectId }) => ({ overrides: await listOverrides(getDb().pool, projectId) }),
});

export const POST = defineRoute({
  auth: { key: "admin", session: "managePrices" },
  body: overrideCreateSchema,
  handler: async ({ body, projectId, principal }) =>
    Response.json(
      { override: await createOverride(getDb().pool, projectId, body, actorOf(principal)) },
      { status: 201 },
    ),
});
