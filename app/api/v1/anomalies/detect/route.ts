import { detectResponseSchema } from "@/lib/anomalies/contracts";
import { detectProject } from "@/lib/anomalies/db/run";
import { toWireDetection } from "@/lib/anomalies/db/wire";
import { defineRoute } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  summary: "Runs detection now over the last complete day; ran: false when the project has no data yet.",
  auth: { session: "manageAnomalies" },
  response: detectResponseSchema,
  handler: async ({ projectId }) =>
    toWireDetection(await detectProject(getDb().pool, projectId, { trigger: "manual" })),
});
