import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { usageEventsQuerySchema } from "@/lib/analytics/contracts";
import { usageEventsCsv } from "@/lib/analytics/csv-tables";
import { answer, parseQuery, respond } from "@/lib/analytics/http";
import { listUsageEvents } from "@/lib/analytics/queries/list-usage-events";

export const dynamic = "force-dynamic";

/** The latest raw usage events, newest first, with cost breakdown and provenance; keyset-paged. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  handler: async ({ req, projectId }) => {
    const query = parseQuery(usageEventsQuerySchema, req.nextUrl.searchParams);
    const body = await answer(() => listUsageEvents(getDb().pool, { projectId, filters: query, limit: query.limit, cursor: query.cursor }));
    return respond(query.format, body, usageEventsCsv, "usage_events");
  },
});
