"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listResponseSchema, seriesResponseSchema, type AnomalyDto } from "@/lib/anomalies/db/api";
import { queryKeys, type RangeKey } from "@/lib/query/keys";
import { ApiRequestError, fetchRead } from "@/lib/query/hooks/fetcher";

export function useAnomalies(projectId: string, range: RangeKey) {
  return useQuery({
    queryKey: queryKeys.anomalies(projectId, range),
    queryFn: ({ signal }) =>
      fetchRead("anomalies", projectId, { from: range.from, to: range.to }, listResponseSchema, signal),
  });
}

export function useAnomalySeries(projectId: string, seriesId: string | null, to: string) {
  return useQuery({
    queryKey: queryKeys.anomalySeries(projectId, seriesId, to),
    queryFn: ({ signal }) =>
      fetchRead("anomalies/series", projectId, { series: seriesId ?? "", to }, seriesResponseSchema, signal),
    enabled: seriesId !== null,
  });
}

async function send(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, {
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    ...init,
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (!response.ok)
    throw new ApiRequestError(
      response.status,
      body.error?.code ?? "http_error",
      body.error?.message ?? `HTTP ${response.status}`,
    );
  return body;
}

export function useSetAnomalyStatus(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: AnomalyDto["status"] }) =>
      send(`/api/v1/anomalies/${encodeURIComponent(id)}?project=${encodeURIComponent(projectId)}`, {
        method: "PATCH",
        body: JSON.stringify({ status }),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...queryKeys.project(projectId), "anomalies"] }),
  });
}

export function useRunDetection(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      send(`/api/v1/anomalies/detect?project=${encodeURIComponent(projectId)}`, { method: "POST" }) as Promise<{
        ran: boolean;
        found?: number;
        created?: number;
      }>,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.project(projectId) }),
  });
}
