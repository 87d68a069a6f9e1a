import { seriesQuerySchema, seriesResponseSchema } from "@/lib/anomalies/contracts";
import { seriesAnswer } from "@/lib/anomalies/db/answers";
import { lastCompleteDay } from "@/lib/anomalies/db/run";
import { ApiError } from "@/lib/api/errors";
import { defineRoute } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "One series (its series_id, e.g. cost or cost|feature=support-bot) by day with its baseline band.",
  auth: { key: "read", session: "view" },
  query: seriesQuerySchema,
  response: seriesResponseSchema,
  handler: async ({ query, projectId }) => {
    const { pool } = getDb();
    const answer = await seriesAnswer(
      pool,
      projectId,
      query.series,
      query.to ?? (await lastCompleteDay(pool, projectId, new Date())),
    );
    if (!answer)
      throw new ApiError("invalid_query", "series: not a series id such as `cost` or `cost|feature=support-bot`");
    return answer;
  },
});
