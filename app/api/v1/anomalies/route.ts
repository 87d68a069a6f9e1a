import { listAnomalies } from "@/lib/anomalies/db/queries";
import { listQuerySchema } from "@/lib/anomalies/db/api";
import { defineRoute } from "@/lib/api/route";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** GET /api/v1/anomalies?project=&from=&to=&status=&series=: stored anomalies, newest day first. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  query: listQuerySchema,
  handler: async ({ query, projectId, principal }) => {
    const anomalies = await listAnomalies(getDb().pool, projectId, { from: query.from, to: query.to, statuses: query.status, seriesId: query.series });
    return { anomalies, canManage: principal.kind === "session" && can(principal.role, "manageAnomalies") };
  },
});
