/**
 * Server side: a dashboard page's first data, fetched while the page renders and handed to the
 * browser with it (lib/query/prefetch), so the first paint already shows numbers instead of
 * skeletons waiting for client requests. Every request a page's first view makes runs here, in
 * parallel, keyed exactly as the client hooks key them.
 */
import { dehydrate, type DehydratedState, type QueryClient } from "@tanstack/react-query";
import { after } from "next/server";
import { preload } from "react-dom";
import { costsAnswer, summaryAnswer, timeseriesAnswer, usageEventsAnswer } from "@/lib/analytics/answers";
import {
  costsQuerySchema,
  costsResponseSchema,
  summaryQuerySchema,
  summaryResponseSchema,
  timeseriesQuerySchema,
  timeseriesResponseSchema,
  usageEventsQuerySchema,
  usageEventsResponseSchema,
  type StackBy,
} from "@/lib/analytics/contracts";
import { readRangeParams, type SearchParamsLike } from "@/lib/analytics/date-range";
import type { OrgCalendar } from "@/lib/calendar/org-calendar";
import { anomalyListAnswer } from "@/lib/anomalies/db/answers";
import { startCustomerMargins } from "@/lib/margins/db/answers";
import { listResponseSchema } from "@/lib/anomalies/contracts";
import { resolvePeriod } from "@/lib/analytics/period";
import { getDb } from "@/lib/db/client";
import { apiUrl, normalizeParams, type ReadParams } from "@/lib/query/hooks/fetcher";
import { queryKeys } from "@/lib/query/keys";
import { asAnswer, prefetchRead, serverQueryClient } from "@/lib/query/prefetch";
import { detailParams } from "@/components/dashboard/detail-params";
import { EVENTS_PAGE_SIZE, eventsParams } from "@/components/dashboard/events-params";
import { CHART_SERIES, OTHER_DIMENSIONS, type DimensionKind } from "@/components/dashboard/scope";

interface Context {
  client: QueryClient;
  projectId: string;
  calendar: OrgCalendar;
}

type Search = Record<string, string | string[] | undefined>;

const one = (search: Search, name: string): string | undefined => {
  const value = search[name];
  return Array.isArray(value) ? value[0] : value;
};

function context(projectId: string, calendar: OrgCalendar): Context {
  return { client: serverQueryClient(), projectId, calendar };
}

function costs(ctx: Context, params: ReadParams): Promise<void> {
  return prefetchRead(ctx.client, {
    params,
    key: (key) => queryKeys.costs(ctx.projectId, key),
    schema: costsQuerySchema,
    response: costsResponseSchema,
    run: async (query) => (await costsAnswer(getDb().pool, ctx.projectId, ctx.calendar, query)).body,
  });
}

function timeseries(ctx: Context, params: ReadParams): Promise<void> {
  return prefetchRead(ctx.client, {
    params: { ...params, top: String(CHART_SERIES) },
    key: (key) => queryKeys.timeseries(ctx.projectId, key),
    schema: timeseriesQuerySchema,
    response: timeseriesResponseSchema,
    run: async (query) => (await timeseriesAnswer(getDb().pool, ctx.projectId, ctx.calendar, query)).body,
  });
}

export async function prefetchOverview(input: {
  projectId: string;
  calendar: OrgCalendar;
  search: SearchParamsLike;
  stackBy: StackBy;
  canManageAnomalies: boolean;
}): Promise<DehydratedState> {
  const ctx = context(input.projectId, input.calendar);
  const range = readRangeParams(input.search);
  const period = resolvePeriod(range, input.calendar);
  const days = { from: period.current.from, to: period.current.to };
  await Promise.all([
    // The overview's anomalies panel, answered as GET /api/v1/anomalies answers.
    ctx.client.prefetchQuery({
      queryKey: queryKeys.anomalies(input.projectId, days),
      queryFn: async () =>
        asAnswer(
          await anomalyListAnswer(getDb().pool, input.projectId, days, input.canManageAnomalies),
          listResponseSchema,
        ),
    }),
    prefetchRead(ctx.client, {
      params: range,
      key: (key) => queryKeys.summary(input.projectId, key),
      schema: summaryQuerySchema,
      response: summaryResponseSchema,
      run: async (query) => (await summaryAnswer(getDb().pool, input.projectId, input.calendar, query)).body,
    }),
    timeseries(ctx, { ...range, stack_by: input.stackBy }),
  ]);
  return dehydrate(ctx.client);
}

/**
 * A features, customers or models list: the table in its default view (by spend, largest first,
 * no search or filter: dimension-table's defaults). Any other view, and the filter selects'
 * options (nothing waits on them, and the embedded database answers one query at a time, so
 * they would only delay the table), are the client's to fetch. So are the customers' revenue and
 * margin: streamed from here after the HTML, their read (database queries and the engine, in this
 * process) held up the layout's queries and the page's flush, and the rows painted later (bench:pages).
 */
export async function prefetchDimensionList(input: {
  projectId: string;
  calendar: OrgCalendar;
  search: Search;
  kind: DimensionKind;
}): Promise<DehydratedState> {
  const ctx = context(input.projectId, input.calendar);
  const [filterA, filterB] = OTHER_DIMENSIONS[input.kind];
  const range = readRangeParams(input.search);
  if (!["q", "sort", "order", filterA, filterB].some((name) => input.search[name] !== undefined)) {
    await costs(ctx, { ...range, group_by: input.kind, sort: "spend", order: "desc" });
  }
  return dehydrate(ctx.client);
}

/**
 * The customers list's revenue and margin stay the browser's to fetch (above), but a preload
 * hint in the HTML starts that request while the page's scripts load and hydrate; the hook's
 * fetch of the very same URL (useCustomerMarginsQuery, keyed by the list's period, which is
 * this period) then takes the answer from the preload instead of asking again. The answer
 * itself starts here once the HTML is sent (after()), so the request finds it under way
 * (lib/api/answers-ahead).
 */
export function preloadCustomerMargins(input: { projectId: string; calendar: OrgCalendar; search: Search }): void {
  const { from, to } = resolvePeriod(readRangeParams(input.search), input.calendar).current;
  // Same-origin fetch() is mode "cors" with credentials "same-origin": crossOrigin "anonymous" matches it.
  preload(apiUrl("margins/customers", input.projectId, { from, to }), { as: "fetch", crossOrigin: "anonymous" });
  after(() => startCustomerMargins(getDb(), input.projectId, { from, to }));
}

/** A feature, customer or model page: its own figures, the spend chart and both breakdowns. */
export async function prefetchDetail(input: {
  projectId: string;
  calendar: OrgCalendar;
  search: Search;
  kind: DimensionKind;
  entityKey: string;
}): Promise<DehydratedState> {
  const ctx = context(input.projectId, input.calendar);
  const range = readRangeParams(input.search);
  const { filters, stackBy, breakdowns } = detailParams(input.kind, input.entityKey, (name) => one(input.search, name));
  await Promise.all([
    costs(ctx, { ...range, ...filters, group_by: input.kind }),
    timeseries(ctx, { ...range, ...filters, stack_by: stackBy }),
    ...breakdowns.map((by) => costs(ctx, { ...range, ...filters, group_by: by })),
  ]);
  return dehydrate(ctx.client);
}

/** The events explorer's first page for the URL's period and filters. */
export async function prefetchEvents(input: {
  projectId: string;
  calendar: OrgCalendar;
  search: Search;
}): Promise<DehydratedState> {
  const ctx = context(input.projectId, input.calendar);
  const params = normalizeParams({
    ...readRangeParams(input.search),
    ...eventsParams((name) => one(input.search, name)),
    limit: String(EVENTS_PAGE_SIZE),
  });
  const query = usageEventsQuerySchema.safeParse(params);
  if (query.success) {
    await ctx.client.prefetchInfiniteQuery({
      queryKey: queryKeys.usageEvents(input.projectId, params),
      queryFn: async () =>
        asAnswer(
          await usageEventsAnswer(getDb().pool, input.projectId, input.calendar, query.data),
          usageEventsResponseSchema,
        ),
      initialPageParam: "",
      getNextPageParam: (last) => last.next_cursor ?? undefined,
    });
  }
  return dehydrate(ctx.client);
}
