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

export const queryKeys = {
  all: ["inferledger"] as const,
  project: (projectId: string) => [...queryKeys.all, "project", projectId] as const,
  overview: (projectId: string, range: RangeKey) => [...queryKeys.project(projectId), "overview", range] as const,
  features: (projectId: string, range: RangeKey) => [...queryKeys.project(projectId), "features", range] as const,
  customers: (projectId: string, range: RangeKey) => [...queryKeys.project(projectId), "customers", range] as const,
  models: (projectId: string, range: RangeKey) => [...queryKeys.project(projectId), "models", range] as const,
  events: (projectId: string, filters: Record<string, string>) => [...queryKeys.project(projectId), "events", filters] as const,
  anomalies: (projectId: string, range: RangeKey) => [...queryKeys.project(projectId), "anomalies", range] as const,
  prices: (projectId: string) => [...queryKeys.project(projectId), "prices"] as const,
  margins: (projectId: string, range: RangeKey) => [...queryKeys.project(projectId), "margins", range] as const,
} as const;

export type QueryKey = ReturnType<(typeof queryKeys)[Exclude<keyof typeof queryKeys, "all">]>;
