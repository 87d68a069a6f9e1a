/**
 * Server side of a feature, customer or model page: the page with its first data already in it
 * (./prefetch), so it paints with numbers.
 */
import { HydrationBoundary } from "@tanstack/react-query";
import type { OrgCalendar } from "@/lib/analytics/period";
import { DimensionDetail } from "@/components/dashboard/dimension-detail";
import { modelOptions } from "@/components/dashboard/model-options";
import type { DashboardScope, DimensionKind } from "@/components/dashboard/scope";
import { prefetchDetail } from "./prefetch";

export async function DimensionDetailPage(props: {
  scope: DashboardScope;
  calendar: OrgCalendar;
  search: Record<string, string | string[] | undefined>;
  kind: DimensionKind;
  entityKey: string;
}) {
  const state = await prefetchDetail({
    projectId: props.scope.projectId,
    calendar: props.calendar,
    search: props.search,
    kind: props.kind,
    entityKey: props.entityKey,
  });
  return (
    <HydrationBoundary state={state}>
      <DimensionDetail
        scope={props.scope}
        kind={props.kind}
        entityKey={props.entityKey}
        modelOptions={modelOptions()}
      />
    </HydrationBoundary>
  );
}
