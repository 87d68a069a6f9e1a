import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { usageEventsAnswer, usageEventsWindow } from "@/lib/analytics/answers";
import { EXPORT_PAGE, usageEventsQuerySchema, usageEventsResponseSchema } from "@/lib/analytics/contracts";
import { csvStreamResponse } from "@/lib/analytics/csv";
import { USAGE_EVENT_HEADER, usageEventRow } from "@/lib/analytics/csv-tables";
import { usageEventPages } from "@/lib/analytics/queries/list-usage-events";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary:
    "Raw usage events of a period (or all of them), newest first by occurred_at, keyset-paged, with cost breakdown and provenance. `format=csv` streams every event of the filtered period.",
  auth: { key: "read", session: "view" },
  query: usageEventsQuerySchema,
  response: usageEventsResponseSchema,
  handler: async ({ query, projectId }) => {
    const { pool } = getDb();
    const calendar = await projectCalendar(pool, projectId);
    if (query.format === "csv") {
      const window = usageEventsWindow(calendar, query);
      const name = window ? `usage_events_${window.period.from}_${window.period.to}.csv` : "usage_events.csv";
      return csvStreamResponse(
        name,
        USAGE_EVENT_HEADER,
        usageEventPages(pool, { projectId, filters: query, window: window ?? undefined, limit: EXPORT_PAGE }),
        usageEventRow,
      );
    }
    return usageEventsAnswer(pool, projectId, calendar, query);
  },
});
