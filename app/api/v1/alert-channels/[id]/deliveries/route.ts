import { defineRoute } from "@/lib/api/route";
import { idParams } from "@/lib/api/params";
import { deliveryLogResponse } from "@/lib/alerts/contracts";
import { deliveryLog, getChannelRow } from "@/lib/alerts/db/channels";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "The channel's delivery log: every attempt, newest first, with its status code or error.",
  auth: { session: "view" },
  params: idParams,
  response: deliveryLogResponse,
  handler: async ({ params, principal }) => {
    const { pool } = getDb();
    await getChannelRow(pool, principal.orgId, params.id);
    return { deliveries: await deliveryLog(pool, principal.orgId, params.id) };
  },
});
