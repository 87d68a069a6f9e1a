import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { costsQuerySchema } from "@/lib/analytics/contracts";
import { costsCsv } from "@/lib/analytics/csv-tables";
import { parseQuery, respond } from "@/lib/analytics/http";
import { projectCalendar } from "@/lib/analytics/calendar";
import { resolvePeriod } from "@/lib/analytics/period";
import { getCostBreakdown } from "@/lib/analytics/queries/get-cost-breakdown";

export const dynamic = "force-dynamic";

/** Costs grouped by day, feature, customer, model or provider, with a totals row. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  handler: async ({ req, projectId }) => {
    const query = parseQuery(costsQuerySchema, req.nextUrl.searchParams);
    const { pool } = getDb();
    const period = resolvePeriod(query, await projectCalendar(pool, projectId));
    const body = await       getCostBreakdown(pool, {
        projectId,
        period,
        groupBy: query.group_by,
        filters: query,
        search: query.search,
        sort: query.sort,
        order: query.order,
        limit: query.limit,
      });
    return respond(query.format, body, costsCsv, `costs_by_${query.group_by}_${period.current.from}_${period.current.to}`);
  },
});
