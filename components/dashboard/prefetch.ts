/**
 * Server side: a page's first data, fetched while the page renders and handed to the browser
 * with it (react-query's dehydrate / HydrationBoundary), so the first paint already shows numbers
 * instead of skeletons waiting for client requests. The queries are the read API's own functions,
 * keyed exactly as the client hooks key them, and run in parallel.
 */
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import type { StackBy } from "@/lib/analytics/contracts";
import { readRangeParams, type SearchParamsLike } from "@/lib/analytics/date-range";
import { resolvePeriod, type OrgCalendar } from "@/lib/analytics/period";
import { getCostBreakdown } from "@/lib/analytics/queries/get-cost-breakdown";
import { getSummary } from "@/lib/analytics/queries/get-summary";
import { getTimeseries } from "@/lib/analytics/queries/get-timeseries";
import { listAnomalies } from "@/lib/anomalies/db/queries";
import { incidentList } from "@/lib/anomalies/incidents";
import { getDb } from "@/lib/db/client";
import { normalizeParams } from "@/lib/query/hooks/fetcher";
import { queryKeys } from "@/lib/query/keys";
import { CHART_SERIES, OTHER_DIMENSIONS, type DimensionKind } from "./scope";

export async function prefetchOverview(input: { projectId: string; calendar: OrgCalendar; search: SearchParamsLike; stackBy: StackBy; canManageAnomalies: boolean }): Promise<DehydratedState> {
  const { pool } = getDb();
  const range = readRangeParams(input.search);
  const period = resolvePeriod(range, input.calendar);
  const client = new QueryClient();
  const timeseriesKey = normalizeParams({ ...range, stack_by: input.stackBy, top: String(CHART_SERIES) });
  const days = { from: period.current.from, to: period.current.to };
  await Promise.all([
    // The overview's anomalies panel, answered as GET /api/v1/anomalies answers.
    client.prefetchQuery({
      queryKey: queryKeys.anomalies(input.projectId, days),
      queryFn: async () => {
        const anomalies = await listAnomalies(pool, input.projectId, days);
        return { anomalies, incidents: incidentList(anomalies), canManage: input.canManageAnomalies };
      },
    }),
    client.prefetchQuery({ queryKey: queryKeys.summary(input.projectId, normalizeParams(range)), queryFn: () => getSummary(pool, { projectId: input.projectId, period, filters: {} }) }),
    client.prefetchQuery({
      queryKey: queryKeys.timeseries(input.projectId, timeseriesKey),
      queryFn: () => getTimeseries(pool, { projectId: input.projectId, period, stackBy: input.stackBy, top: CHART_SERIES, filters: {} }),
    }),
  ]);
  return dehydrate(client);
}

/**
 * A features, customers or models list in its default view (by spend, largest first, no search or
 * filter: dimension-table's defaults). Any other view is the client's to fetch.
 */
export async function prefetchDimensionList(input: { projectId: string; calendar: OrgCalendar; search: Record<string, string | string[] | undefined>; kind: DimensionKind }): Promise<DehydratedState | null> {
  const [filterA, filterB] = OTHER_DIMENSIONS[input.kind];
  if (["q", "sort", "order", filterA, filterB].some((name) => input.search[name] !== undefined)) return null;
  const range = readRangeParams(input.search);
  const period = resolvePeriod(range, input.calendar);
  const client = new QueryClient();
  await client.prefetchQuery({
    queryKey: queryKeys.costs(input.projectId, normalizeParams({ ...range, group_by: input.kind, sort: "spend", order: "desc" })),
    queryFn: () => getCostBreakdown(getDb().pool, { projectId: input.projectId, period, groupBy: input.kind, filters: {}, sort: "spend", order: "desc" }),
  });
  return dehydrate(client);
}
