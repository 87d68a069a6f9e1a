/**
 * The anomalies API's answers as functions, in their snake_case wire shape (../contracts.ts): the route
 * handlers call them, and so does the anomalies page's server-side prefetch, so its first data is
 * the answer its hooks would fetch.
 */
import type { Pool } from "pg";
import type { Day } from "@/lib/calendar/days";
import type { AnomalyListResponse, SeriesResponse } from "../contracts";
import { seriesLabel } from "../describe";
import { incidentList } from "../incidents";
import type { AnomalyStatus } from "../types";
import { listAnomalies } from "./queries";
import { parseSeriesId, seriesBaseline } from "./series";
import { toWireAnomaly } from "./wire";

export async function anomalyListAnswer(
  pool: Pool,
  projectId: string,
  filter: { from?: Day; to?: Day; statuses?: AnomalyStatus[]; seriesId?: string },
  canManage: boolean,
): Promise<AnomalyListResponse> {
  const anomalies = await listAnomalies(pool, projectId, filter);
  return { anomalies: anomalies.map(toWireAnomaly), incidents: incidentList(anomalies), can_manage: canManage };
}

/** One series with its baseline band up to `to`; null for a text that is no series id. */
export async function seriesAnswer(
  pool: Pool,
  projectId: string,
  seriesId: string,
  to: Day,
): Promise<SeriesResponse | null> {
  const key = parseSeriesId(seriesId);
  if (!key) return null;
  const { unit, points } = await seriesBaseline(pool, projectId, key, to);
  const first = points.findIndex((p) => p.actual !== null && p.actual !== 0);
  return { series_id: seriesId, label: seriesLabel(key), unit, points: first < 0 ? [] : points.slice(first) };
}
