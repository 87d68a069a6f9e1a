import type { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { deliveryLog, getChannelRow } from "@/lib/alerts/db/channels";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** The channel's delivery log: every attempt, newest first, with its status code or error. */
export const GET = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { session: "view" },
  handler: async ({ params, principal }) => {
    const { pool } = getDb();
    await getChannelRow(pool, principal.orgId, params.id);
    return { deliveries: await deliveryLog(pool, principal.orgId, params.id) };
  },
});
