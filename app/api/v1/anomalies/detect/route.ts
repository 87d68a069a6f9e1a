import { detectProject } from "@/lib/anomalies/db/run";
import { defineRoute } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** POST /api/v1/anomalies/detect?project=: runs detection now over the last complete day. */
export const POST = defineRoute({
  auth: { session: "manageAnomalies" },
  handler: async ({ projectId }) => {
    const summary = await detectProject(getDb().pool, projectId, { trigger: "manual" });
    if (!summary) return { ran: false };
    const { anomalies: _omitted, ...rest } = summary;
    void _omitted;
    return { ran: true, ...rest };
  },
});
