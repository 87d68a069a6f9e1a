import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { listAliases, createAlias } from "@/lib/pricing/db";
import { aliasCreateSchema } from "@/lib/pricing/schemas";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: { key: "admin", session: "view" },
  handler: async ({ projectId }) => ({ aliases: await listAliases(getDb().pool, projectId) }),
});

export const POST = defineRoute({
  auth: { key: "admin", session: "managePrices" },
  body: aliasCreateSchema,
  handler: async ({ body, projectId, principal }) =>
    Response.json({ alias: await createAlias(getDb().pool, projectId, body, actorOf(principal)) }, { status: 201 }),
});
