/**
 * One hook per read-API endpoint. Each takes the project id and the request's parameters
 * (date range and filters exactly as the page's URL holds them) and keys the cache with the
 * typed factory, so every entry leads with the project.
 */
"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import {
  compareResponseSchema,
  costsResponseSchema,
  summaryResponseSchema,
  timeseriesResponseSchema,
  usageEventsResponseSchema,
} from "@/lib/analytics/contracts";
import { queryKeys } from "@/lib/query/keys";
import { fetchRead, isRetryable, normalizeParams, type ReadParams } from "./fetcher";

const retry = (failures: number, error: unknown) => failures < 2 && isRetryable(error);

export function useSummaryQuery(projectId: string, params: ReadParams) {
  const key = normalizeParams(params);
  return useQuery({
    queryKey: queryKeys.summary(projectId, key),
    queryFn: ({ signal }) => fetchRead("summary", projectId, key, summaryResponseSchema, signal),
    placeholderData: keepPreviousData,
    retry,
  });
}

/** `enabled: false` holds a secondary read (a filter's options) back until the page's own data is in. */
export function useCostsQuery(projectId: string, params: ReadParams, { enabled = true }: { enabled?: boolean } = {}) {
  const key = normalizeParams(params);
  return useQuery({
    queryKey: queryKeys.costs(projectId, key),
    queryFn: ({ signal }) => fetchRead("costs", projectId, key, costsResponseSchema, signal),
    placeholderData: keepPreviousData,
    retry,
    enabled,
  });
}

export function useTimeseriesQuery(projectId: string, params: ReadParams) {
  const key = normalizeParams(params);
  return useQuery({
    queryKey: queryKeys.timeseries(projectId, key),
    queryFn: ({ signal }) => fetchRead("timeseries", projectId, key, timeseriesResponseSchema, signal),
    placeholderData: keepPreviousData,
    retry,
  });
}

/** A what-if: only runs once a target model is chosen. */
export function useCompareQuery(projectId: string, params: ReadParams, enabled: boolean) {
  const key = normalizeParams(params);
  return useQuery({
    queryKey: queryKeys.compare(projectId, key),
    queryFn: ({ signal }) => fetchRead("compare", projectId, key, compareResponseSchema, signal),
    enabled,
    retry,
  });
}

/**
 * Events of a period, newest first, keyset page after keyset page ("Load older" asks for the
 * next). Polls while live, so events sent from an SDK appear within seconds.
 */
export function useUsageEventPages(
  projectId: string,
  params: ReadParams,
  options: { refetchInterval: number | false },
) {
  const key = normalizeParams(params);
  return useInfiniteQuery({
    queryKey: queryKeys.usageEvents(projectId, key),
    queryFn: ({ signal, pageParam }) =>
      fetchRead(
        "usage-events",
        projectId,
        pageParam ? { ...key, cursor: pageParam } : key,
        usageEventsResponseSchema,
        signal,
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    // Polling refetches every loaded page: only the first page (the newest events) polls, and
    // only where new events can arrive (no period, or one that holds today).
    refetchInterval: (query) => {
      const pages = query.state.data?.pages;
      const period = pages?.[0]?.period;
      return (pages?.length ?? 1) > 1 || (period && period.partial_day === null) ? false : options.refetchInterval;
    },
    refetchIntervalInBackground: false,
    // Fresh for a few seconds: the first page the server rendered with the HTML is not fetched
    // again on mount; polling and a later visit still fetch.
    staleTime: 5_000,
    retry,
  });
}
