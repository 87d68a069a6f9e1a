/**
 * The camelCase domain (StoredAnomaly, DetectionSummary) onto the anomalies API's snake_case
 * wire shape (../contracts.ts): the routes map what they answer here. The way back, wire
 * anomalies into incidents for the page, is ../wire-incidents.ts (client-safe).
 */
import type { AnomalyWire, DetectResponse } from "../contracts";
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
