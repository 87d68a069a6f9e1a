import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { listAliases, createAlias } from "@/lib/pricing/db";
import { aliasCreateSchema } from "@/lib/pricing/schemas";
import { aliasListResponse, aliasResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "The project's model aliases (e.g. an Azure deployment name for a model).",
  auth: { key: "admin", session: "view" },
  response: aliasListResponse,
  handler: async ({ projectId }) => ({ aliases: await listAliases(getDb().pool, projectId) }),
});

export const POST = defineRoute({
  summary: "Adds an alias: events sending this name are priced as the target model.",
  auth: { key: "admin", session: "managePrices" },
  body: aliasCreateSchema,
  response: aliasResponse,
  status: 201,
  handler: async ({ body, projectId, principal }) => ({
    alias: await createAlias(getDb().pool, projectId, body, actorOf(principal)),
  }),
});
