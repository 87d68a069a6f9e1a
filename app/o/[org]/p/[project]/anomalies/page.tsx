import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { AnomaliesView } from "@/components/anomalies/anomalies-view";
import { PageHeader } from "@/components/page-header";
import { addDays } from "@/lib/calendar/days";
import { parseDateRange } from "@/lib/analytics/date-range";
import { requireProjectAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { localDay } from "@/lib/calendar/zone";
import { prefetchAnomalies } from "./prefetch";
import type { ProjectPageProps } from "@/app/o/[org]/_shell/page-props";

export const metadata: Metadata = { title: "Anomalies" };

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function AnomaliesPage({ params, searchParams }: ProjectPageProps) {
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  const search = await searchParams;
  const range = parseDateRange(search, access.calendar);
  const lastDay = addDays(localDay(new Date(), access.timezone), -1);
  const canManage = can(access.role, "manageAnomalies");
  const wanted = { id: one(search.anomaly), seriesId: one(search.series), day: one(search.day) };
  const state = await prefetchAnomalies({
    projectId: access.projectId,
    range: { from: range.firstDay, to: range.lastDay },
    lastDay,
    canManage,
    wanted,
  });
  return (
    <>
      <PageHeader
        title="Anomalies"
        description={`Costs and unit economics that moved outside their usual range · ${range.label}`}
      />
      <HydrationBoundary state={state}>
        <AnomaliesView
          projectId={access.projectId}
          orgSlug={access.orgSlug}
          projectSlug={access.projectSlug}
          range={{ from: range.firstDay, to: range.lastDay, label: range.label }}
          lastDay={lastDay}
          canManage={canManage}
          initialId={wanted.id}
          initialSeries={wanted.seriesId}
          initialDay={wanted.day}
        />
      </HydrationBoundary>
    </>
  );
}
