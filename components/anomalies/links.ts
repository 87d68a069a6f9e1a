/**
 * Links from an anomaly to its slice: the detail page of its feature, customer or model (the
 * overview for a project-wide series) over the two weeks up to its day, and the events of its day.
 */
import { detailSegment } from "@/lib/analytics/page-paths";
import { addDays } from "@/lib/calendar/days";
import type { AnomalyWire } from "@/lib/anomalies/contracts";
import { projectPagePath } from "@/lib/digest/view-model";

export function dashboardLink(
  orgSlug: string,
  projectSlug: string,
  a: Pick<AnomalyWire, "dimension" | "dimension_value" | "day">,
): string {
  const params = new URLSearchParams({ from: addDays(a.day, -13), to: a.day });
  const section =
    a.dimension && a.dimension_value !== null ? detailSegment(a.dimension, a.dimension_value) : "overview";
  return `${projectPagePath(orgSlug, projectSlug, section)}?${params.toString()}`;
}

export function eventsLink(
  orgSlug: string,
  projectSlug: string,
  a: Pick<AnomalyWire, "dimension" | "dimension_value" | "day">,
): string {
  const params = new URLSearchParams({ from: a.day, to: a.day });
  if (a.dimension && a.dimension_value !== null) params.set(a.dimension, a.dimension_value);
  return `${projectPagePath(orgSlug, projectSlug, "events")}?${params.toString()}`;
}
