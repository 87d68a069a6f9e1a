/**
 * The query-key factory every React Query hook uses, so invalidation can target a whole
 * project, or one resource within it, with a prefix. Keys always lead with the project id:
 * a cache entry never mixes tenants. Add one entry per endpoint next to its hook.
 *
 *   useQuery({ queryKey: queryKeys.overview(projectId, range), queryFn: ... })
 *   queryClient.invalidateQueries({ queryKey: queryKeys.project(projectId) })
 */
export interface RangeKey {
  from: string;
  to: string;
}

/** A read-API request's query parameters, without empty values, names sorted. */
type ReadParamsKey = Readonly<Record<string, string>>;

export const queryKeys = {
  all: ["inferledger"] as const,
  project: (projectId: string) => [...queryKeys.all, "project", projectId] as const,
  anomalies: (projectId: string, range: RangeKey) => [...queryKeys.project(projectId), "anomalies", range] as const,
  anomalySeries: (projectId: string, seriesId: string | null, to: string) =>
    [...queryKeys.project(projectId), "anomaly-series", seriesId, to] as const,
  // Prices: every price view lives under `prices`, so a price change refreshes them all.
  prices: (projectId: string) => [...queryKeys.project(projectId), "prices"] as const,
  priceCatalog: (projectId: string, params: ReadParamsKey) =>
    [...queryKeys.prices(projectId), "catalog", params] as const,
  priceHistory: (projectId: string, provider: string, model: string) =>
    [...queryKeys.prices(projectId), "history", provider, model] as const,
  priceList: (projectId: string, resource: string) => [...queryKeys.prices(projectId), resource] as const,
  gpuIdle: (projectId: string, period: RangeKey) => [...queryKeys.prices(projectId), "gpu-idle", period] as const,
  budgets: (projectId: string) => [...queryKeys.project(projectId), "budgets"] as const,
  alertChannels: (projectId: string) => [...queryKeys.project(projectId), "alert-channels"] as const,
  deliveryLog: (projectId: string, channelId: string | null) =>
    [...queryKeys.alertChannels(projectId), "deliveries", channelId] as const,
  alertPreference: (projectId: string) => [...queryKeys.project(projectId), "alert-preference"] as const,
  dimensionValues: (projectId: string, dimension: string) =>
    [...queryKeys.project(projectId), "dimension-values", dimension] as const,
  // Read API (/api/v1/...): the key holds the request's normalised parameters (range, filters).
  summary: (projectId: string, params: ReadParamsKey) => [...queryKeys.project(projectId), "summary", params] as const,
  costs: (projectId: string, params: ReadParamsKey) => [...queryKeys.project(projectId), "costs", params] as const,
  timeseries: (projectId: string, params: ReadParamsKey) =>
    [...queryKeys.project(projectId), "timeseries", params] as const,
  compare: (projectId: string, params: ReadParamsKey) => [...queryKeys.project(projectId), "compare", params] as const,
  usageEvents: (projectId: string, params: ReadParamsKey) =>
    [...queryKeys.project(projectId), "usage-events", params] as const,
} as const;
