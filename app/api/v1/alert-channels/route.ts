import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { auditActorOf } from "@/lib/alerts/api";
import { createChannel, listChannels } from "@/lib/alerts/db/channels";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** The organisation's alert channels (URLs masked). */
export const GET = defineRoute({
  auth: { session: "view" },
  handler: async ({ principal }) => ({ channels: await listChannels(getDb().pool, principal.orgId) }),
});

/** Adds a channel; a webhook's signing secret is in this answer only. */
export const POST = defineRoute({
  auth: { session: "manageAlertChannels" },
  body: z.unknown(),
  handler: async ({ body, principal }) =>
    Response.json(await createChannel(getDb().pool, auditActorOf(principal), body), { status: 201 }),
});
