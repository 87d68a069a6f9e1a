import type { Metadata } from "next";
import { AnomaliesView } from "@/components/anomalies/anomalies-view";
import { PageHeader } from "@/components/page-header";
import { addDays } from "@/lib/calendar/days";
import { parseDateRange } from "@/lib/analytics/date-range";
import { requireProjectAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { localDay } from "@/lib/calendar/zone";

export const metadata: Metadata = { title: "Anomalies" };

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function AnomaliesPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  const search = await searchParams;
  const range = parseDateRange(search, access.calendar);
  return (
    <>
      <PageHeader title="Anomalies" description={`Costs and unit economics that moved outside their usual range · ${range.label}`} />
      <AnomaliesView
        projectId={access.projectId}
        orgSlug={access.orgSlug}
        projectSlug={access.projectSlug}
        range={{ from: range.firstDay, to: range.lastDay, label: range.label }}
        lastDay={addDays(localDay(new Date(), access.timezone), -1)}
        canManage={can(access.role, "manageAnomalies")}
        initialId={one(search.anomaly)}
        initialSeries={one(search.series)}
        initialDay={one(search.day)}
      />
    </>
  );
}
