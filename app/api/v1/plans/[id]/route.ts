import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { archivePlan, getPlan, updatePlan } from "@/lib/margins/db";
import { mapMarginErrors } from "@/lib/margins/db/api";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { key: "read", session: "view" },
  handler: async ({ params, projectId }) => mapMarginErrors("invalid_query", async () => ({ plan: await getPlan(getDb(), projectId, params.id) })),
});

export const PUT = defineRoute<z.ZodUnknown, z.ZodObject, Params>({
  auth: { session: "managePlans" },
  body: z.unknown(),
  handler: async ({ body, params, projectId }) => mapMarginErrors("invalid_body", async () => ({ plan: await updatePlan(getDb(), projectId, params.id, body) })),
});

/** Archives the plan: it leaves the pickers but keeps pricing the history assigned to it. */
export const DELETE = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { session: "managePlans" },
  handler: async ({ params, projectId }) => mapMarginErrors("invalid_query", async () => ({ plan: await archivePlan(getDb(), projectId, params.id) })),
});
