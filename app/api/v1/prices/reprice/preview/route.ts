import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { previewReprice } from "@/lib/pricing/db";
import { repriceRequestSchema } from "@/lib/pricing/schemas";
import { repricePreviewResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  summary: "What a re-price of the period (and model) would change; writes nothing.",
  auth: { key: "admin", session: "repriceEvents" },
  body: repriceRequestSchema,
  response: repricePreviewResponse,
  handler: async ({ body, projectId }) => ({ preview: await previewReprice(getDb().pool, projectId, body) }),
});
