import { z } from "zod";
import { setAnomalyStatus } from "@/lib/anomalies/db/queries";
import { statusBodySchema } from "@/lib/anomalies/db/api";
import { toWireAnomaly } from "@/lib/anomalies/db/wire";
import { ApiError } from "@/lib/api/errors";
import { defineRoute } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** PATCH /api/v1/anomalies/{id}?project=: acknowledge, resolve, mute or reopen (manageAnomalies). */
export const PATCH = defineRoute<typeof statusBodySchema, z.ZodObject, { id: string }>({
  auth: { session: "manageAnomalies" },
  body: statusBodySchema,
  handler: async ({ body, params, projectId, principal }) => {
    const userId = principal.kind === "session" ? principal.userId : null;
    const updated = await setAnomalyStatus(getDb().pool, projectId, params.id, body.status, userId);
    if (!updated) throw new ApiError("not_found", "No such anomaly in this project");
    return { anomaly: toWireAnomaly(updated) };
  },
});
