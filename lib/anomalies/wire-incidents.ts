/**
 * Wire anomalies (./contracts) back into incident members, so that the page groups them with
 * lib/anomalies/incidents exactly as the server, the alerts and the digest do. Client-safe.
 */
import type { AnomalyWire } from "./contracts";
import { groupIncidents, type IncidentMember } from "./incidents";
import { anomalyKey } from "./series-id";
import type { SeriesKey } from "./types";

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
