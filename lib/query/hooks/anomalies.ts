"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  detectResponseSchema,
  listResponseSchema,
  seriesResponseSchema,
  statusResponseSchema,
  type AnomalyWire,
} from "@/lib/anomalies/contracts";
import { queryKeys, type RangeKey } from "@/lib/query/keys";
import { fetchRead, requestJson } from "@/lib/query/hooks/fetcher";

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

export function useSetAnomalyStatus(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: AnomalyWire["status"] }) =>
      requestJson(`anomalies/${encodeURIComponent(id)}`, projectId, statusResponseSchema, {
        method: "PATCH",
        body: { status },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...queryKeys.project(projectId), "anomalies"] }),
  });
}

export function useRunDetection(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => requestJson("anomalies/detect", projectId, detectResponseSchema, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.project(projectId) }),
  });
}
