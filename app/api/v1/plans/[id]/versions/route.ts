import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { listPlanVersions } from "@/lib/margins/db/plans-repo";
import { planIdParams, planVersionsWire, planVersionToWire } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "A plan's versions, oldest first: each charges from its `effective_from` until the next one starts.",
  auth: { key: "read", session: "view" },
  params: planIdParams,
  response: planVersionsWire,
  handler: async ({ params, projectId }) => ({
    versions: (await listPlanVersions(getDb(), projectId, params.id)).map(planVersionToWire),
  }),
});
