"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AlertChannel, DeliveryLogEntry } from "@/lib/alerts/db/channels";
import type { AlertPreference } from "@/lib/alerts/db/preferences";
import type { BudgetStatus } from "@/lib/budgets/types";
import { queryKeys } from "@/lib/query/keys";
import { ApiRequestError } from "@/lib/query/hooks/fetcher";

async function send<T>(url: string, init: RequestInit = {}): Promise<T> {
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
  return body as T;
}

const withProject = (path: string, projectId: string) =>
  `${path}${path.includes("?") ? "&" : "?"}project=${encodeURIComponent(projectId)}`;

export function useBudgets(projectId: string) {
  return useQuery({
    queryKey: queryKeys.budgets(projectId),
    queryFn: () => send<{ budgets: BudgetStatus[] }>(withProject("/api/v1/budgets", projectId)),
    refetchInterval: 60_000,
  });
}

export function useChannels(projectId: string) {
  return useQuery({
    queryKey: queryKeys.alertChannels(projectId),
    queryFn: () => send<{ channels: AlertChannel[] }>(withProject("/api/v1/alert-channels", projectId)),
  });
}

/** The signed-in member's own alert emails. */
export function useAlertPreference(projectId: string) {
  return useQuery({
    queryKey: queryKeys.alertPreference(projectId),
    queryFn: () => send<{ preference: AlertPreference }>(withProject("/api/v1/alert-preferences", projectId)),
  });
}

export function useDeliveryLog(projectId: string, channelId: string | null) {
  return useQuery({
    queryKey: [...queryKeys.alertChannels(projectId), "log", channelId],
    queryFn: () =>
      send<{ deliveries: DeliveryLogEntry[] }>(
        withProject(`/api/v1/alert-channels/${encodeURIComponent(channelId ?? "")}/deliveries`, projectId),
      ),
    enabled: channelId !== null,
    refetchInterval: 30_000,
  });
}

/** Dimension values seen in the last 90 days, for the scope pickers. */
export function useDimensionValues(projectId: string, dimension: "feature" | "customer" | "model" | "provider") {
  return useQuery({
    queryKey: [...queryKeys.project(projectId), "dimension-values", dimension],
    queryFn: () =>
      send<{ rows: { key: string }[] }>(withProject(`/api/v1/costs?range=90d&group_by=${dimension}`, projectId)),
    select: (data) => data.rows.map((row) => row.key).filter((key) => key !== ""),
  });
}

export function useMutate<Vars>(
  projectId: string,
  request: (vars: Vars) => { path: string; method: string; body?: unknown },
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: Vars) => {
      const { path, method, body } = request(vars);
      return send<Record<string, unknown>>(withProject(path, projectId), {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.project(projectId) }),
  });
}
