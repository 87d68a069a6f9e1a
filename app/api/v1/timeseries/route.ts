import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { timeseriesAnswer } from "@/lib/analytics/answers";
import { timeseriesQuerySchema, timeseriesResponseSchema } from "@/lib/analytics/contracts";
import { timeseriesCsv } from "@/lib/analytics/csv-tables";
import { respond } from "@/lib/analytics/http";
import { projectCalendar } from "@/lib/analytics/calendar";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: 'Per-day spend of the top N keys of a dimension plus "other", zeros on days without data.',
  auth: { key: "read", session: "view" },
  query: timeseriesQuerySchema,
  response: timeseriesResponseSchema,
  handler: async ({ query, projectId }) => {
    const { pool } = getDb();
    const { period, body } = await timeseriesAnswer(pool, projectId, await projectCalendar(pool, projectId), query);
    return respond(
      query.format,
      body,
      timeseriesCsv,
      `timeseries_by_${query.stack_by}_${period.current.from}_${period.current.to}`,
    );
  },
});
