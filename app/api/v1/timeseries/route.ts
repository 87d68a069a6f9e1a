import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { timeseriesQuerySchema } from "@/lib/analytics/contracts";
import { timeseriesCsv } from "@/lib/analytics/csv-tables";
import { parseQuery, respond } from "@/lib/analytics/http";
import { projectCalendar } from "@/lib/analytics/calendar";
import { resolvePeriod } from "@/lib/analytics/period";
import { getTimeseries } from "@/lib/analytics/queries/get-timeseries";

export const dynamic = "force-dynamic";

/** Per-day spend of the top N keys of a dimension plus "other", zeros on days without data. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  handler: async ({ req, projectId }) => {
    const query = parseQuery(timeseriesQuerySchema, req.nextUrl.searchParams);
    const { pool } = getDb();
    const period = resolvePeriod(query, await projectCalendar(pool, projectId));
    const body = await getTimeseries(pool, { projectId, period, stackBy: query.stack_by, top: query.top, filters: query });
    return respond(query.format, body, timeseriesCsv, `timeseries_by_${query.stack_by}_${period.current.from}_${period.current.to}`);
  },
});
