import { projectCalendar } from "@/lib/analytics/calendar";
import { resolvePeriod } from "@/lib/analytics/period";
import { anomalyListAnswer } from "@/lib/anomalies/db/answers";
import { listQuerySchema } from "@/lib/anomalies/db/api";
import { defineRoute } from "@/lib/api/route";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** GET /api/v1/anomalies?project=&range=|from=&to=&status=&series=: stored anomalies in the period, newest day first. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  query: listQuerySchema,
  handler: async ({ query, projectId, principal }) => {
    const { pool } = getDb();
    const period = query.range
      ? resolvePeriod({ range: query.range }, await projectCalendar(pool, projectId)).current
      : query;
    return anomalyListAnswer(
      pool,
      projectId,
      { from: period.from, to: period.to, statuses: query.status, seriesId: query.series },
      principal.kind === "session" && can(principal.role, "manageAnomalies"),
    );
  },
});
