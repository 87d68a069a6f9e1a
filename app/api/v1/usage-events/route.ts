import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { EXPORT_PAGE, usageEventsQuerySchema } from "@/lib/analytics/contracts";
import { csvStreamResponse } from "@/lib/analytics/csv";
import { USAGE_EVENT_HEADER, usageEventRow } from "@/lib/analytics/csv-tables";
import { zonedDayStart } from "@/lib/analytics/date-range";
import { parseQuery } from "@/lib/analytics/http";
import { resolvePeriod } from "@/lib/analytics/period";
import { listUsageEvents, usageEventPages } from "@/lib/analytics/queries/list-usage-events";
import { addDays } from "@/lib/calendar/days";

export const dynamic = "force-dynamic";

/**
 * Raw usage events of a period (or all of them), newest first by occurred_at, keyset-paged, with
 * cost breakdown and provenance. `format=csv` streams every event of the filtered period.
 */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  handler: async ({ req, projectId }) => {
    const query = parseQuery(usageEventsQuerySchema, req.nextUrl.searchParams);
    const { pool } = getDb();
    const asked = query.range || (query.from && query.to);
    const period = asked ? resolvePeriod(query, await projectCalendar(pool, projectId)).current : null;
    const window = period ? { from: zonedDayStart(period.from, period.timezone), to: zonedDayStart(addDays(period.to, 1), period.timezone) } : undefined;
    if (query.format === "csv") {
      const name = period ? `usage_events_${period.from}_${period.to}.csv` : "usage_events.csv";
      return csvStreamResponse(name, USAGE_EVENT_HEADER, usageEventPages(pool, { projectId, filters: query, window, limit: EXPORT_PAGE }), usageEventRow);
    }
    const page = await listUsageEvents(pool, { projectId, filters: query, window, limit: query.limit, cursor: query.cursor });
    return { period, ...page };
  },
});
