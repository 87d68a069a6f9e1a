/**
 * Which anomaly the anomalies page opens on: the one the URL names (by id, or by series and day,
 * as drill-down links name it), else the lead of the most severe incident. Shared by the page and
 * its server prefetch, which loads that anomaly's series in advance.
 */
import type { AnomalyWire } from "@/lib/anomalies/contracts";
import type { WireIncident } from "@/lib/anomalies/wire-incidents";

export interface Selection {
  id?: string | null;
  seriesId?: string;
  day?: string;
}

export function selectedAnomaly(
  anomalies: readonly AnomalyWire[],
  incidents: readonly WireIncident[],
  wanted: Selection,
): AnomalyWire | null {
  return (
    anomalies.find((a) => a.id === wanted.id) ??
    anomalies.find((a) => a.series_id === wanted.seriesId && a.day === wanted.day) ??
    incidents[0]?.lead ??
    null
  );
}
