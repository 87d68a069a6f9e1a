import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { publicBaseUrl } from "@/components/base-url";
import { EventsExplorer } from "@/components/dashboard/events-explorer";
import { dashboardPath } from "@/components/dashboard/scope";
import type { ProjectPageProps } from "@/app/o/[org]/_shell/page-props";
import { loadScope } from "@/app/o/[org]/p/[project]/_dashboard/scope";
import { FirstEventGuide } from "@/components/first-event-guide";
import { can } from "@/lib/auth/roles";
import { prefetchEvents } from "../_dashboard/prefetch";

export const metadata: Metadata = { title: "Events" };

/** Always the live explorer: an engineer installing the SDK watches the guide turn into events. */
export default async function EventsPage({ params, searchParams }: ProjectPageProps) {
  const { access, scope, hasEvents } = await loadScope(params);
  const guide = hasEvents ? undefined : (
    <FirstEventGuide
      endpoint={await publicBaseUrl()}
      createKeyHref={can(access.role, "manageApiKeys") ? dashboardPath(scope, "settings/keys?new=ingest") : null}
      title="No events yet: send one and it appears here within seconds"
    />
  );
  if (!hasEvents) return <EventsExplorer scope={scope} guide={guide} />;
  const state = await prefetchEvents({
    projectId: scope.projectId,
    calendar: access.calendar,
    search: await searchParams,
  });
  return (
    <HydrationBoundary state={state}>
      <EventsExplorer scope={scope} />
    </HydrationBoundary>
  );
}
