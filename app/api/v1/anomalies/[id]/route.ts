import { setAnomalyStatus } from "@/lib/anomalies/db/queries";
import { statusBodySchema, statusResponseSchema } from "@/lib/anomalies/contracts";
import { toWireAnomaly } from "@/lib/anomalies/db/wire";
import { ApiError } from "@/lib/api/errors";
import { idParams } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  summary: "Acknowledges, resolves, mutes or reopens the anomaly; answers it as it now stands.",
  auth: { session: "manageAnomalies" },
  params: idParams,
  body: statusBodySchema,
  response: statusResponseSchema,
  handler: async ({ body, params, projectId, principal }) => {
    const userId = principal.kind === "session" ? principal.userId : null;
    const updated = await setAnomalyStatus(getDb().pool, projectId, params.id, body.status, userId);
    if (!updated) throw new ApiError("not_found", "No such anomaly in this project");
    return { anomaly: toWireAnomaly(updated) };
  },
});
