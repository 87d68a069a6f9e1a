/**
 * Alert channels and the member's own alert emails over `/api/v1/alert-channels*` and
 * `/api/v1/alert-preferences`, every answer parsed with lib/alerts/contracts. Channels belong
 * to the organisation; the project id only says whose session asks.
 */
"use client";

import { useQuery } from "@tanstack/react-query";
import {
  alertChannelSchema,
  alertPreferenceSchema,
  channelCreatedSchema,
  deliveryLogEntrySchema,
  testResultSchema,
} from "@/lib/alerts/contracts";
import { queryKeys } from "@/lib/query/keys";
import { itemAnswer, listAnswer } from "./answers";
import { requestJson } from "./fetcher";
import { useWrite } from "./write";

export const channelsAnswer = listAnswer("channels", alertChannelSchema);
export const channelAnswer = itemAnswer("channel", alertChannelSchema);
export const deliveriesAnswer = listAnswer("deliveries", deliveryLogEntrySchema);
export const testAnswer = itemAnswer("result", testResultSchema);
export const preferenceAnswer = itemAnswer("preference", alertPreferenceSchema);

export function useAlertChannels(projectId: string) {
  return useQuery({
    queryKey: queryKeys.alertChannels(projectId),
    queryFn: ({ signal }) => requestJson("alert-channels", projectId, channelsAnswer, { signal }),
  });
}

const channelPath = (id: string, rest = "") => `alert-channels/${encodeURIComponent(id)}${rest}`;

/** A channel's delivery attempts, newest first; polled while open, idle until a channel is chosen. */
export function useDeliveryLog(projectId: string, channelId: string | null) {
  return useQuery({
    queryKey: queryKeys.deliveryLog(projectId, channelId),
    queryFn: ({ signal }) =>
      requestJson(channelPath(channelId ?? "", "/deliveries"), projectId, deliveriesAnswer, { signal }),
    enabled: channelId !== null,
    refetchInterval: 30_000,
  });
}

type Body = Record<string, unknown>;

// Every channel write refreshes the channel list and the delivery logs under it.
export const useCreateChannel = (projectId: string) =>
  useWrite(projectId, channelCreatedSchema, queryKeys.alertChannels(projectId), (body: Body) => ({
    method: "POST",
    path: "alert-channels",
    body,
  }));

export const useUpdateChannel = (projectId: string) =>
  useWrite(
    projectId,
    channelAnswer,
    queryKeys.alertChannels(projectId),
    ({ id, body }: { id: string; body: Body }) => ({
      method: "PATCH",
      path: channelPath(id),
      body,
    }),
  );

export const useDeleteChannel = (projectId: string) =>
  useWrite(projectId, channelAnswer, queryKeys.alertChannels(projectId), (id: string) => ({
    method: "DELETE",
    path: channelPath(id),
  }));

/** Sends a test alert now; a delivered test turns a disabled channel back on. */
export const useTestChannel = (projectId: string) =>
  useWrite(projectId, testAnswer, queryKeys.alertChannels(projectId), (id: string) => ({
    method: "POST",
    path: channelPath(id, "/test"),
  }));

/** The signed-in member's own alert emails. */
export function useAlertPreference(projectId: string) {
  return useQuery({
    queryKey: queryKeys.alertPreference(projectId),
    queryFn: ({ signal }) => requestJson("alert-preferences", projectId, preferenceAnswer, { signal }),
  });
}

export const useSaveAlertPreference = (projectId: string) =>
  useWrite(projectId, preferenceAnswer, queryKeys.alertPreference(projectId), (body: Body) => ({
    method: "PUT",
    path: "alert-preferences",
    body,
  }));
