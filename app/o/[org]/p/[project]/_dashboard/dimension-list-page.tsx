/**
 * Server side of the features, customers and models lists: the table with its first data
 * already in the page (./prefetch), so it paints with numbers.
 */
import { HydrationBoundary } from "@tanstack/react-query";
import type { OrgCalendar } from "@/lib/calendar/org-calendar";
import { DimensionTable } from "@/components/dashboard/dimension-table";
import { showsCustomerBilling, type DashboardScope, type DimensionKind } from "@/components/dashboard/scope";
import { preloadCustomerMargins, prefetchDimensionList } from "./prefetch";

export async function DimensionListPage(props: {
  scope: DashboardScope;
  calendar: OrgCalendar;
  search: Record<string, string | string[] | undefined>;
  kind: DimensionKind;
}) {
  if (showsCustomerBilling(props.kind, (dimension) => props.search[dimension] !== undefined))
    preloadCustomerMargins({ projectId: props.scope.projectId, calendar: props.calendar, search: props.search });
  const state = await prefetchDimensionList({
    projectId: props.scope.projectId,
    calendar: props.calendar,
    search: props.search,
    kind: props.kind,
  });
  return (
    <HydrationBoundary state={state}>
      <DimensionTable scope={props.scope} kind={props.kind} />
    </HydrationBoundary>
  );
}
