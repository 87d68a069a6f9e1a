import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { previewReprice } from "@/lib/pricing/db";
import { repriceRequestSchema } from "@/lib/pricing/schemas";

export const dynamic = "force-dynamic";

/** What a re-price of the period (and model) would change; writes nothing. */
export const POST = defineRoute({
  auth: { key: "admin", session: "repriceEvents" },
  body: repriceRequestSchema,
  handler: async ({ body, projectId }) => ({ preview: await previewReprice(getDb().pool, projectId, body) }),
});
