"use client";
/**
 * Typed calls of /api/v1/prices/* for the settings page: one query-key factory under the
 * project's `prices` key (so any change invalidates every price view of that project) and
 * a hook per endpoint. Errors arrive as ApiRequestError with the API's message (field first).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query/keys";
import { ApiRequestError, apiUrl, type ReadParams } from "@/lib/query/hooks/fetcher";
import type {
  AliasView,
  EntryJson,
  GpuIdleSummary,
  GpuPoolView,
  GpuRateView,
  OverrideView,
  RepricePreview,
  RepriceRun,
  UnpricedModel,
} from "@/lib/pricing/db";
import type { RepriceRunView } from "@/lib/pricing/db/reprice";

/** Dates arrive as ISO strings over JSON. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export type OverrideJson = Json<OverrideView>;
export type AliasJson = Json<AliasView>;
export type GpuRateJson = Json<GpuRateView>;
export type GpuPoolJson = Json<GpuPoolView>;
export type RunJson = Json<RepriceRunView>;
export type { EntryJson, RepricePreview, RepriceRun, UnpricedModel, GpuIdleSummary };

export const priceKeys = {
  all: (projectId: string) => queryKeys.prices(projectId),
  catalog: (projectId: string, params: ReadParams) => [...queryKeys.prices(projectId), "catalog", params] as const,
  history: (projectId: string, provider: string, model: string) =>
    [...queryKeys.prices(projectId), "history", provider, model] as const,
  list: (projectId: string, resource: string) => [...queryKeys.prices(projectId), resource] as const,
};

async function request<T>(
  method: string,
  path: string,
  projectId: string,
  params: ReadParams = {},
  body?: unknown,
): Promise<T> {
  const response = await fetch(apiUrl(`prices/${path}`, projectId, params), {
    method,
    credentials: "same-origin",
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!response.ok)
    throw new ApiRequestError(
      response.status,
      json?.error?.code ?? "http_error",
      json?.error?.message ?? `The server answered ${response.status}`,
    );
  return json as T;
}

export function useCatalog(projectId: string, params: { search: string; provider: string; page: number }) {
  const query = {
    search: params.search || undefined,
    provider: params.provider || undefined,
    page: String(params.page),
    limit: "15",
  };
  return useQuery({
    queryKey: priceKeys.catalog(projectId, query),
    queryFn: () =>
      request<{ version: string; total: number; page: number; limit: number; items: EntryJson[] }>(
        "GET",
        "catalog",
        projectId,
        query,
      ),
    placeholderData: (previous) => previous,
  });
}

export function useHistory(projectId: string, entry: { provider: string; model: string } | null) {
  return useQuery({
    queryKey: priceKeys.history(projectId, entry?.provider ?? "", entry?.model ?? ""),
    queryFn: () =>
      request<{ entries: EntryJson[] }>("GET", "history", projectId, {
        provider: entry!.provider,
        model: entry!.model,
      }),
    enabled: entry !== null,
  });
}

export function useList<T>(
  projectId: string,
  resource: "overrides" | "aliases" | "gpu-rates" | "gpu-pools" | "unpriced" | "reprice",
  field: string,
) {
  return useQuery({
    queryKey: priceKeys.list(projectId, resource),
    queryFn: async () => (await request<Record<string, T[]>>("GET", resource, projectId))[field] ?? [],
  });
}

export function useGpuIdle(projectId: string, period: { from: string; to: string }) {
  return useQuery({
    queryKey: priceKeys.list(projectId, `gpu-idle:${period.from}:${period.to}`),
    queryFn: () => request<GpuIdleSummary>("GET", "gpu-idle", projectId, period),
  });
}

/** Create, update or delete a resource; every price view of the project refreshes after. */
export function usePriceMutation<Body, Result>(
  projectId: string,
  method: "POST" | "PATCH" | "DELETE",
  path: (body: Body) => string,
  send = true,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => request<Result>(method, path(body), projectId, {}, send ? body : undefined),
    onSuccess: () => client.invalidateQueries({ queryKey: priceKeys.all(projectId) }),
  });
}

export function useRepricePreview(projectId: string) {
  return useMutation({
    mutationFn: (body: { from: string; to: string; model?: string }) =>
      request<{ preview: RepricePreview }>("POST", "reprice/preview", projectId, {}, body),
  });
}

export function errorText(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error ? error.message : String(error);
}
