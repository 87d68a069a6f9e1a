/**
 * The read API's answers as functions of a validated query: the route handlers call them, and so
 * do the dashboard pages' server-side prefetches, so a page's first data is the very answer its
 * client hook would have fetched (never an HTTP call from the server to its own API).
 */
import type { Pool } from "pg";
import { addDays } from "@/lib/calendar/days";
import { startOfLocalDay } from "@/lib/calendar/zone";
import type {
  CostsQuery,
  CostsResponse,
  SummaryQuery,
  SummaryResponse,
  TimeseriesQuery,
  TimeseriesResponse,
  UsageEventsQuery,
  UsageEventsResponse,
} from "./contracts";
import type { OrgCalendar } from "@/lib/calendar/org-calendar";
import { resolvePeriod, type ResolvedPeriod } from "./period";
import { getCostBreakdown } from "./queries/get-cost-breakdown";
import { getSummary } from "./queries/get-summary";
import { getTimeseries } from "./queries/get-timeseries";
import { listUsageEvents } from "./queries/list-usage-events";

interface Answer<T> {
  period: ResolvedPeriod;
  body: T;
}

export async function summaryAnswer(
  pool: Pool,
  projectId: string,
  calendar: OrgCalendar,
  query: SummaryQuery,
): Promise<Answer<SummaryResponse>> {
  const period = resolvePeriod(query, calendar);
  return { period, body: await getSummary(pool, { projectId, period, filters: query }) };
}

export async function costsAnswer(
  pool: Pool,
  projectId: string,
  calendar: OrgCalendar,
  query: CostsQuery,
): Promise<Answer<CostsResponse>> {
  const period = resolvePeriod(query, calendar);
  const body = await getCostBreakdown(pool, {
    projectId,
    period,
    groupBy: query.group_by,
    filters: query,
    search: query.search,
    sort: query.sort,
    order: query.order,
    limit: query.limit,
  });
  return { period, body };
}

export async function timeseriesAnswer(
  pool: Pool,
  projectId: string,
  calendar: OrgCalendar,
  query: TimeseriesQuery,
): Promise<Answer<TimeseriesResponse>> {
  const period = resolvePeriod(query, calendar);
  return {
    period,
    body: await getTimeseries(pool, { projectId, period, stackBy: query.stack_by, top: query.top, filters: query }),
  };
}

/** The explorer's period as instants (`to` exclusive); none when the query names no period. */
export function usageEventsWindow(
  calendar: OrgCalendar,
  query: UsageEventsQuery,
): { period: ResolvedPeriod["current"]; from: Date; to: Date } | null {
  if (!(query.range || (query.from && query.to))) return null;
  const period = resolvePeriod(query, calendar).current;
  return {
    period,
    from: startOfLocalDay(period.from, period.timezone),
    to: startOfLocalDay(addDays(period.to, 1), period.timezone),
  };
}

/** One page of the explorer (the JSON answer of GET /api/v1/usage-events). */
export async function usageEventsAnswer(
  pool: Pool,
  projectId: string,
  calendar: OrgCalendar,
  query: UsageEventsQuery,
): Promise<UsageEventsResponse> {
  const window = usageEventsWindow(calendar, query);
  const page = await listUsageEvents(pool, {
    projectId,
    filters: query,
    window: window ?? undefined,
    limit: query.limit,
    cursor: query.cursor,
  });
  return { period: window?.period ?? null, ...page };
}
