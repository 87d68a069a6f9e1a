/** What every dashboard client component needs to know about where it is. Server pages build it. */
export interface DashboardScope {
  projectId: string;
  orgSlug: string;
  projectSlug: string;
  timezone: string;
  /** Whether the viewer may edit prices (the unpriced-events link goes to Settings → Prices). */
  canEditPrices: boolean;
}

export type DimensionKind = "feature" | "customer" | "model";

export const DIMENSION_INFO: Record<
  DimensionKind,
  { segment: string; singular: string; plural: string; title: string }
> = {
  feature: { segment: "features", singular: "feature", plural: "features", title: "Features" },
  customer: { segment: "customers", singular: "customer", plural: "customers", title: "Customers" },
  model: { segment: "models", singular: "model", plural: "models", title: "Models" },
};

/** The two dimensions a detail page breaks down by. */
export const OTHER_DIMENSIONS: Record<DimensionKind, [DimensionKind, DimensionKind]> = {
  feature: ["model", "customer"],
  customer: ["feature", "model"],
  model: ["feature", "customer"],
};

/**
 * Whether a list shows revenue and margin beside spend: only customers, and only unfiltered, as
 * both are the whole customer's (beside a feature's or a model's spend they would not compare).
 */
export function showsCustomerBilling(kind: DimensionKind, isFiltered: (dimension: DimensionKind) => boolean): boolean {
  return kind === "customer" && !OTHER_DIMENSIONS.customer.some(isFiltered);
}

import { keyToSegment } from "@/lib/analytics/page-paths";

export { segmentToKey } from "@/lib/analytics/page-paths";

export function dashboardPath(scope: Pick<DashboardScope, "orgSlug" | "projectSlug">, rest: string): string {
  return `/o/${encodeURIComponent(scope.orgSlug)}/p/${encodeURIComponent(scope.projectSlug)}/${rest}`;
}

/** A feature, customer or model page, in the list's period (a model also keeps its provider). */
export function detailHref(
  scope: DashboardScope,
  kind: DimensionKind,
  key: string,
  provider: string | null,
  rangeQuery: string,
): string {
  const query = new URLSearchParams(rangeQuery.replace(/^\?/, ""));
  if (kind === "model" && provider) query.set("provider", provider);
  const text = query.toString();
  return dashboardPath(scope, `${DIMENSION_INFO[kind].segment}/${keyToSegment(key)}${text ? `?${text}` : ""}`);
}

/** Series the spend chart asks for (the server prefetch asks for the same, so its answer is the chart's). */
export const CHART_SERIES = 6;

/** The overview's spend chart stacks by one of these, `?stack=` in the URL, feature by default. */
export const OVERVIEW_STACKS = ["feature", "model", "customer"] as const;
