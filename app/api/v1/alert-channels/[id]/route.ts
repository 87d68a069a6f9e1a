import { defineRoute } from "@/lib/api/route";
import { idParams } from "@/lib/api/params";
import { auditActorOf } from "@/lib/alerts/api";
import { channelPatchSchema } from "@/lib/alerts/channel-schema";
import { channelResponse } from "@/lib/alerts/contracts";
import { deleteChannel, updateChannel } from "@/lib/alerts/db/channels";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  summary: "Changes a channel: name, target, what it takes, mute; `enabled: true` turns it back on.",
  auth: { session: "manageAlertChannels" },
  params: idParams,
  body: channelPatchSchema,
  response: channelResponse,
  handler: async ({ body, params, principal }) => ({
    channel: await updateChannel(getDb().pool, auditActorOf(principal), params.id, body),
  }),
});

export const DELETE = defineRoute({
  summary: "Deletes a channel; the answer is the channel as it was.",
  auth: { session: "manageAlertChannels" },
  params: idParams,
  response: channelResponse,
  handler: async ({ params, principal }) => ({
    channel: await deleteChannel(getDb().pool, auditActorOf(principal), params.id),
  }),
});
