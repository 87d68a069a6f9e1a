import type { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { sendTest } from "@/lib/alerts/jobs/send-test";
import { getDb } from "@/lib/db/client";
import { defaultTransport } from "@/lib/mail/transport";
import { appUrl } from "@/lib/env";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** "Send test": delivers a test alert now and answers how it went (status code, error). */
export const POST = defineRoute<z.ZodUndefined, z.ZodObject, Params>({
  auth: { session: "manageAlertChannels" },
  handler: async ({ params, principal }) => {
    const { pool } = getDb();
    return {
      result: await sendTest(pool, principal.orgId, params.id, { mail: defaultTransport(pool), baseUrl: appUrl() }),
    };
  },
});
