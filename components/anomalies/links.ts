/** Links from an anomaly to the dashboards, filtered to its scope and the days around it. */
import { addDays } from "@/lib/anomalies/days";
import type { AnomalyDto } from "@/lib/anomalies/db/api";
import { projectPagePath } from "@/lib/digest/view-model";

const SECTION = { feature: "features", customer: "customers", model: "models" } as const;

export function dashboardLink(orgSlug: string, projectSlug: string, a: Pick<AnomalyDto, "dimension" | "dimensionValue" | "day">): string {
  const params = new URLSearchParams({ from: addDays(a.day, -13), to: a.day });
  if (a.dimension && a.dimensionValue !== null) params.set(a.dimension, a.dimensionValue);
  const section = a.dimension ? SECTION[a.dimension] : "overview";
  return `${projectPagePath(orgSlug, projectSlug, section)}?${params.toString()}`;
}

export function eventsLink(orgSlug: string, projectSlug: string, a: Pick<AnomalyDto, "dimension" | "dimensionValue" | "day">): string {
  const params = new URLSearchParams({ from: a.day, to: a.day });
  if (a.dimension && a.dimensionValue !== null) params.set(a.dimension, a.dimensionValue);
  return `${projectPagePath(orgSlug, projectSlug, "events")}?${params.toString()}`;
}
