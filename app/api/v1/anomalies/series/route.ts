import { seriesQuerySchema } from "@/lib/anomalies/db/api";
import { lastCompleteDay } from "@/lib/anomalies/db/run";
import { parseSeriesId, seriesBaseline } from "@/lib/anomalies/db/series";
import { seriesLabel } from "@/lib/anomalies/describe";
import { ApiError } from "@/lib/api/errors";
import { defineRoute } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** GET /api/v1/anomalies/series?project=&series=cost|feature=x: the series with its baseline band. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  query: seriesQuerySchema,
  handler: async ({ query, projectId }) => {
    const key = parseSeriesId(query.series);
    if (!key) throw new ApiError("invalid_query", "series: not a series id such as `cost` or `cost|feature=support-bot`");
    const { pool } = getDb();
    const to = query.to ?? (await lastCompleteDay(pool, projectId, new Date()));
    const { unit, points } = await seriesBaseline(pool, projectId, key, to);
    const first = points.findIndex((p) => p.actual !== null && p.actual !== 0);
    return { seriesId: query.series, label: seriesLabel(key), unit, points: first < 0 ? [] : points.slice(first) };
  },
});
