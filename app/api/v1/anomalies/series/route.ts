import { seriesQuerySchema } from "@/lib/anomalies/db/api";
import { seriesAnswer } from "@/lib/anomalies/db/answers";
import { lastCompleteDay } from "@/lib/anomalies/db/run";
import { ApiError } from "@/lib/api/errors";
import { defineRoute } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** GET /api/v1/anomalies/series?project=&series=cost|feature=x: the series with its baseline band. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  query: seriesQuerySchema,
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
