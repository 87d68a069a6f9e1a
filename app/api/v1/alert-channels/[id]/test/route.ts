import { defineRoute } from "@/lib/api/route";
import { idParams } from "@/lib/api/params";
import { testResultResponse } from "@/lib/alerts/contracts";
import { sendTest } from "@/lib/alerts/jobs/send-test";
import { getDb } from "@/lib/db/client";
import { defaultTransport } from "@/lib/mail/transport";
import { appUrl } from "@/lib/env";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  summary: '"Send test": delivers a test alert now and answers how it went (status code, error).',
  auth: { session: "manageAlertChannels" },
  params: idParams,
  response: testResultResponse,
  handler: async ({ params, principal }) => {
    const { pool } = getDb();
    return {
      result: await sendTest(pool, principal.orgId, params.id, { mail: defaultTransport(pool), baseUrl: appUrl() }),
    };
  },
});
