import { projectCalendar } from "@/lib/analytics/calendar";
import { resolvePeriod } from "@/lib/analytics/period";
import { anomalyListAnswer } from "@/lib/anomalies/db/answers";
import { listQuerySchema, listResponseSchema } from "@/lib/anomalies/contracts";
import { defineRoute } from "@/lib/api/route";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary:
    "Stored anomalies of the period (or every one without a period), newest day first, with expected vs actual, the band, dollar_impact, severity and root_causes, grouped into incidents.",
  auth: { key: "read", session: "view" },
  query: listQuerySchema,
  response: listResponseSchema,
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
