import { detectProject } from "@/lib/anomalies/db/run";
import { toWireDetection } from "@/lib/anomalies/db/wire";
import { defineRoute } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** POST /api/v1/anomalies/detect?project=: runs detection now over the last complete day. */
export const POST = defineRoute({
  auth: { session: "manageAnomalies" },
  handler: async ({ projectId }) =>
    toWireDetection(await detectProject(getDb().pool, projectId, { trigger: "manual" })),
});
