import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { Overview } from "@/components/dashboard/overview";
import { OVERVIEW_STACKS } from "@/components/dashboard/scope";
import type { ProjectPageProps } from "@/app/o/[org]/_shell/page-props";
import { loadScope } from "@/app/o/[org]/p/[project]/_dashboard/scope";
import { ProjectEmptyPage } from "@/components/project-empty-page";
import { can } from "@/lib/auth/roles";
import { prefetchOverview } from "../_dashboard/prefetch";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params, searchParams }: ProjectPageProps) {
  const { access, scope, hasEvents } = await loadScope(params);
  if (!hasEvents)
    return (
      <ProjectEmptyPage access={access} title="Overview" description="Spend, volume and unit costs for this project" />
    );
  const search = await searchParams;
  const stack = OVERVIEW_STACKS.find((choice) => choice === search.stack) ?? "feature";
  const state = await prefetchOverview({
    projectId: scope.projectId,
    calendar: access.calendar,
    search,
    stackBy: stack,
    canManageAnomalies: can(access.role, "manageAnomalies"),
  });
  return (
    <HydrationBoundary state={state}>
      <Overview scope={scope} />
    </HydrationBoundary>
  );
}
