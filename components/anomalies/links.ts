/**
 * Links from an anomaly to its slice: the detail page of its feature, customer or model (the
 * overview for a project-wide series) over the two weeks up to its day, and the events of its day.
 */
import { detailSegment } from "@/lib/analytics/page-paths";
import { addDays } from "@/lib/calendar/days";
import type { AnomalyDto } from "@/lib/anomalies/db/api";
import { projectPagePath } from "@/lib/digest/view-model";

export function dashboardLink(
  orgSlug: string,
  projectSlug: string,
  a: Pick<AnomalyDto, "dimension" | "dimensionValue" | "day">,
): string {
  const params = new URLSearchParams({ from: addDays(a.day, -13), to: a.day });
  const section = a.dimension && a.dimensionValue !== null ? detailSegment(a.dimension, a.dimensionValue) : "overview";
  return `${projectPagePath(orgSlug, projectSlug, section)}?${params.toString()}`;
}

export function eventsLink(
  orgSlug: string,
  projectSlug: string,
  a: Pick<AnomalyDto, "dimension" | "dimensionValue" | "day">,
): string {
  const params = new URLSearchParams({ from: a.day, to: a.day });
  if (a.dimension && a.dimensionValue !== null) params.set(a.dimension, a.dimensionValue);
  return `${projectPagePath(orgSlug, projectSlug, "events")}?${params.toString()}`;
}
