import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { summaryAnswer } from "@/lib/analytics/answers";
import { summaryQuerySchema, summaryResponseSchema } from "@/lib/analytics/contracts";
import { summaryCsv } from "@/lib/analytics/csv-tables";
import { respond } from "@/lib/analytics/http";
import { projectCalendar } from "@/lib/analytics/calendar";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "Spend for a period against the previous one, requests, tokens, unpriced events, top lists.",
  auth: { key: "read", session: "view" },
  query: summaryQuerySchema,
  response: summaryResponseSchema,
  handler: async ({ query, projectId }) => {
    const { pool } = getDb();
    const { period, body } = await summaryAnswer(pool, projectId, await projectCalendar(pool, projectId), query);
    return respond(query.format, body, summaryCsv, `summary_${period.current.from}_${period.current.to}`);
  },
});
