/**
 * Server side of the anomalies page: the period's anomalies and the chart of the one the page
 * opens on, answered by the functions behind /api/v1/anomalies (lib/anomalies/db/answers) and
 * keyed as the page's hooks key them, so the page paints with its list and chart.
 */
import { dehydrate, type DehydratedState } from "@tanstack/react-query";
import { anomalyListAnswer, seriesAnswer } from "@/lib/anomalies/db/answers";
import { listResponseSchema, seriesResponseSchema } from "@/lib/anomalies/contracts";
import { wireIncidents } from "@/lib/anomalies/wire-incidents";
import { getDb } from "@/lib/db/client";
import { queryKeys } from "@/lib/query/keys";
import { asAnswer, serverQueryClient } from "@/lib/query/prefetch";
import { selectedAnomaly, type Selection } from "@/components/anomalies/selection";

export async function prefetchAnomalies(input: {
  projectId: string;
  range: { from: string; to: string };
  lastDay: string;
  canManage: boolean;
  wanted: Selection;
}): Promise<DehydratedState> {
  const { pool } = getDb();
  const client = serverQueryClient();
  const list = asAnswer(
    await anomalyListAnswer(pool, input.projectId, input.range, input.canManage),
    listResponseSchema,
  );
  client.setQueryData(queryKeys.anomalies(input.projectId, input.range), list);
  const selected = selectedAnomaly(list.anomalies, wireIncidents(list.anomalies), input.wanted);
  const series = selected && (await seriesAnswer(pool, input.projectId, selected.series_id, input.lastDay));
  if (selected && series)
    client.setQueryData(
      queryKeys.anomalySeries(input.projectId, selected.series_id, input.lastDay),
      asAnswer(series, seriesResponseSchema),
    );
  return dehydrate(client);
}
