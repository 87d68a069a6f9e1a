import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { listPlanVersions } from "@/lib/margins/db/plans-repo";
import { planVersionToWire } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

/** A plan's versions, oldest first: each charges from its `effective_from` until the next one starts. */
export const GET = defineRoute<never, never, { id: string }>({
  auth: { key: "read", session: "view" },
  handler: async ({ params, projectId }) => ({
    versions: (await listPlanVersions(getDb(), projectId, params.id)).map(planVersionToWire),
  }),
});
