import { defineRoute } from "@/lib/api/route";
import { parsedByDomain } from "@/lib/api/wire";
import { auditActorOf } from "@/lib/alerts/api";
import { channelCreateSchema } from "@/lib/alerts/channel-schema";
import { channelCreatedResponse, channelListResponse } from "@/lib/alerts/contracts";
import { createChannel, listChannels } from "@/lib/alerts/db/channels";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "The organisation's alert channels (URLs masked).",
  auth: { session: "view" },
  response: channelListResponse,
  handler: async ({ principal }) => ({ channels: await listChannels(getDb().pool, principal.orgId) }),
});

export const POST = defineRoute({
  summary: "Adds a channel; a webhook's signing secret is in this answer only.",
  auth: { session: "manageAlertChannels" },
  body: parsedByDomain(channelCreateSchema),
  response: channelCreatedResponse,
  status: 201,
  handler: async ({ body, principal }) => createChannel(getDb().pool, auditActorOf(principal), body),
});
