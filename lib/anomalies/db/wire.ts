/**
 * The anomalies API's snake_case wire shape (./api.ts) to and from the camelCase domain: the
 * routes map stored anomalies out, and the page maps wire anomalies back into incident members
 * so that lib/anomalies/incidents groups them exactly as the server, the alerts and the digest do.
 */
import { groupIncidents, type IncidentMember } from "../incidents";
import { anomalyKey } from "../series-id";
import type { SeriesKey } from "../types";
import type { AnomalyWire, DetectResponse } from "./api";
import type { StoredAnomaly } from "./queries";
import type { DetectionSummary } from "./run";

export function toWireAnomaly(a: StoredAnomaly): AnomalyWire {
  return {
    id: a.id,
    series_id: a.seriesId,
    metric: a.metric,
    dimension: a.dimension,
    dimension_value: a.dimensionValue,
    outcome_type: a.outcomeType,
    day: a.day,
    kind: a.kind,
    direction: a.direction,
    expected: a.expected,
    actual: a.actual,
    band_low: a.bandLow,
    band_high: a.bandHigh,
    score: a.score,
    dollar_impact: a.dollarImpact,
    severity: a.severity,
    root_causes: a.rootCauses.map(({ isNew, ...cause }) => ({ ...cause, is_new: isNew })),
    description: a.description,
    status: a.status,
    provisional: a.provisional,
    detected_at: a.detectedAt,
    updated_at: a.updatedAt,
    status_changed_by: a.statusChangedBy,
    status_changed_at: a.statusChangedAt,
  };
}

export function toWireDetection(summary: DetectionSummary | null): DetectResponse {
  if (!summary) return { ran: false };
  const { projectId, day, from, seriesCount, found, created, updated, removed } = summary;
  return { ran: true, project_id: projectId, day, from, series_count: seriesCount, found, created, updated, removed };
}

/** What incident grouping reads of a wire anomaly, keeping the wire anomaly itself. */
function asMember(a: AnomalyWire): IncidentMember & { wire: AnomalyWire } {
  return {
    id: a.id,
    day: a.day,
    metric: a.metric,
    dimension: a.dimension,
    dimensionValue: a.dimension_value,
    severity: a.severity,
    dollarImpact: a.dollar_impact,
    rootCauses: a.root_causes,
    wire: a,
  };
}

/** An incident (lib/anomalies/incidents) of wire anomalies: the lead first among the members. */
export interface WireIncident {
  id: string;
  day: AnomalyWire["day"];
  severity: AnomalyWire["severity"];
  lead: AnomalyWire;
  members: AnomalyWire[];
}

/** Incidents of wire anomalies (after the page's own filtering), most severe first. */
export function wireIncidents(anomalies: readonly AnomalyWire[]): WireIncident[] {
  return groupIncidents(anomalies.map(asMember)).map(({ id, day, severity, lead, members }) => ({
    id,
    day,
    severity,
    lead: lead.wire,
    members: members.map((member) => member.wire),
  }));
}

export function wireSeriesKey(
  a: Pick<AnomalyWire, "metric" | "dimension" | "dimension_value" | "outcome_type">,
): SeriesKey {
  return anomalyKey({
    metric: a.metric,
    dimension: a.dimension,
    dimensionValue: a.dimension_value,
    outcomeType: a.outcome_type,
  });
}
