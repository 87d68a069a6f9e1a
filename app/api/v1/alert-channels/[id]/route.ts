import type { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { auditActorOf } from "@/lib/alerts/api";
import { channelPatchSchema } from "@/lib/alerts/channel-schema";
import { deleteChannel, updateChannel } from "@/lib/alerts/db/channels";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** Changes a channel: name, target, what it takes, mute; `enabled: true` turns it back on. */
export const PATCH = defineRoute<typeof channelPatchSchema, z.ZodObject, Params>({
  auth: { session: "manageAlertChannels" },
  body: channelPatchSchema,
  handler: async ({ body, params, principal }) => ({
    channel: await updateChannel(getDb().pool, auditActorOf(principal), params.id, body),
  }),
});

export const DELETE = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { session: "manageAlertChannels" },
  handler: async ({ params, principal }) => ({
    channel: await deleteChannel(getDb().pool, auditActorOf(principal), params.id),
  }),
});
