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
import { getSummary } from "@/lib/analytics/queries/get-summary";
import { getTimeseries } from "@/lib/analytics/queries/get-timeseries";
import { getDb } from "@/lib/db/client";
import { normalizeParams } from "@/lib/query/hooks/fetcher";
import { queryKeys } from "@/lib/query/keys";
import { CHART_SERIES } from "./scope";

export async function prefetchOverview(input: { projectId: string; calendar: OrgCalendar; search: SearchParamsLike; stackBy: StackBy }): Promise<DehydratedState> {
  const { pool } = getDb();
  const range = readRangeParams(input.search);
  const period = resolvePeriod(range, input.calendar);
  const client = new QueryClient();
  const timeseriesKey = normalizeParams({ ...range, stack_by: input.stackBy, top: String(CHART_SERIES) });
  await Promise.all([
    client.prefetchQuery({ queryKey: queryKeys.summary(input.projectId, normalizeParams(range)), queryFn: () => getSummary(pool, { projectId: input.projectId, period, filters: {} }) }),
    client.prefetchQuery({
      queryKey: queryKeys.timeseries(input.projectId, timeseriesKey),
      queryFn: () => getTimeseries(pool, { projectId: input.projectId, period, stackBy: input.stackBy, top: CHART_SERIES, filters: {} }),
    }),
  ]);
  return dehydrate(client);
}
