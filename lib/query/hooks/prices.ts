/**
 * The settings page's price hooks over `/api/v1/prices/*`: every answer parsed with the response
 * schema its route declares (lib/pricing/contracts), every key under `queryKeys.prices(project)`, so a price write
 * refreshes every price view of the project (catalog, lists, GPU idle) at once.
 */
"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import {
  aliasListResponse,
  aliasResponse,
  catalogResponse,
  gpuIdleSummaryResponse,
  gpuPoolListResponse,
  gpuPoolResponse,
  gpuRateListResponse,
  gpuRateResponse,
  historyResponse,
  overrideListResponse,
  overrideResponse,
  repricePreviewResponse,
  repriceRunResponse,
  repriceRunsResponse,
  unpricedResponse,
} from "@/lib/pricing/contracts";
import { queryKeys } from "@/lib/query/keys";
import { unwrap } from "./answers";
import { normalizeParams, requestJson } from "./fetcher";
import { useWrite } from "./write";

export const CATALOG_PAGE_SIZE = 15;

/** The catalog request of a search box, provider filter and page: empty filters are left out. */
export function catalogParams(filters: { search: string; provider: string; page: number }) {
  return normalizeParams({
    search: filters.search || undefined,
    provider: filters.provider || undefined,
    page: String(filters.page),
    limit: String(CATALOG_PAGE_SIZE),
  });
}

export function usePriceCatalog(projectId: string, filters: { search: string; provider: string; page: number }) {
  const params = catalogParams(filters);
  return useQuery({
    queryKey: queryKeys.priceCatalog(projectId, params),
    queryFn: ({ signal }) => requestJson("prices/catalog", projectId, catalogResponse, { params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every dated entry of one model; idle until a model is chosen. */
export function usePriceHistory(projectId: string, entry: { provider: string; model: string } | null) {
  return useQuery({
    queryKey: queryKeys.priceHistory(projectId, entry?.provider ?? "", entry?.model ?? ""),
    queryFn: ({ signal }) =>
      requestJson("prices/history", projectId, historyResponse, {
        params: { provider: entry?.provider, model: entry?.model },
        signal,
      }),
    enabled: entry !== null,
  });
}

function usePriceList<T>(projectId: string, resource: string, schema: z.ZodType<T>) {
  return useQuery({
    queryKey: queryKeys.priceList(projectId, resource),
    queryFn: ({ signal }) => requestJson(`prices/${resource}`, projectId, schema, { signal }),
  });
}

export const overridesAnswer = unwrap(overrideListResponse, "overrides");
export const aliasesAnswer = unwrap(aliasListResponse, "aliases");
export const gpuRatesAnswer = unwrap(gpuRateListResponse, "rates");
export const gpuPoolsAnswer = unwrap(gpuPoolListResponse, "pools");
export const unpricedAnswer = unwrap(unpricedResponse, "models");
export const repriceRunsAnswer = unwrap(repriceRunsResponse, "runs");

export const useOverrides = (projectId: string) => usePriceList(projectId, "overrides", overridesAnswer);
export const useAliases = (projectId: string) => usePriceList(projectId, "aliases", aliasesAnswer);
export const useGpuRates = (projectId: string) => usePriceList(projectId, "gpu-rates", gpuRatesAnswer);
export const useGpuPools = (projectId: string) => usePriceList(projectId, "gpu-pools", gpuPoolsAnswer);
export const useUnpricedModels = (projectId: string) => usePriceList(projectId, "unpriced", unpricedAnswer);
export const useRepriceRuns = (projectId: string) => usePriceList(projectId, "reprice", repriceRunsAnswer);

export function useGpuIdle(projectId: string, period: { from: string; to: string }) {
  return useQuery({
    queryKey: queryKeys.gpuIdle(projectId, period),
    queryFn: ({ signal }) =>
      requestJson("prices/gpu-idle", projectId, gpuIdleSummaryResponse, { params: period, signal }),
  });
}

type Body = Record<string, unknown>;
type Deletable = "overrides" | "aliases" | "gpu-rates" | "gpu-pools";

export const overrideAnswer = unwrap(overrideResponse, "override");

/** Creates an override, or changes the one with `id`; answers the stored override. */
export function useSaveOverride(projectId: string, id: string | undefined) {
  return useWrite(projectId, overrideAnswer, queryKeys.prices(projectId), (body: Body) =>
    id
      ? { method: "PATCH", path: `prices/overrides/${encodeURIComponent(id)}`, body }
      : { method: "POST", path: "prices/overrides", body },
  );
}

export const useCreateAlias = (projectId: string) =>
  useWrite(projectId, unwrap(aliasResponse, "alias"), queryKeys.prices(projectId), (body: Body) => ({
    method: "POST",
    path: "prices/aliases",
    body,
  }));

export const useCreateGpuRate = (projectId: string) =>
  useWrite(projectId, unwrap(gpuRateResponse, "rate"), queryKeys.prices(projectId), (body: Body) => ({
    method: "POST",
    path: "prices/gpu-rates",
    body,
  }));

export const useCreateGpuPool = (projectId: string) =>
  useWrite(projectId, unwrap(gpuPoolResponse, "pool"), queryKeys.prices(projectId), (body: Body) => ({
    method: "POST",
    path: "prices/gpu-pools",
    body,
  }));

/** Deletes one override, alias, GPU rate or pool by id (204, no body). */
export const useDeletePriceItem = (projectId: string, resource: Deletable) =>
  useWrite(projectId, z.undefined(), queryKeys.prices(projectId), (id: string) => ({
    method: "DELETE",
    path: `prices/${resource}/${encodeURIComponent(id)}`,
  }));

interface RepriceScope {
  from: string;
  to: string;
  model?: string;
}

export const repricePreviewAnswer = unwrap(repricePreviewResponse, "preview");

/** What a re-price would change; writes nothing, so nothing refetches. */
export const useRepricePreview = (projectId: string) =>
  useWrite(projectId, repricePreviewAnswer, null, (body: RepriceScope) => ({
    method: "POST",
    path: "prices/reprice/preview",
    body,
  }));

/** Re-prices the period (audited, idempotent); GPU idle is recomputed with it when the project has pools. */
export const useRunReprice = (projectId: string) =>
  useWrite(projectId, repriceRunResponse, queryKeys.prices(projectId), (body: RepriceScope) => ({
    method: "POST",
    path: "prices/reprice",
    body,
  }));
