import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { PricesPanel } from "@/components/prices/prices-panel";
import { requireProjectAccess } from "@/lib/auth/guard";
import { resolvePeriod } from "@/lib/analytics/period";
import { dayIn } from "@/lib/calendar/zone";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Prices" };

export default async function PricesPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  const now = new Date();
  const canManage = can(access.role, "managePrices");
  // The GPU card's figures cover the same "last 30 days" as the dashboards (lib/analytics/period).
  const { from, to } = resolvePeriod({ range: "30d" }, access.calendar, now).current;
  const lastThirtyDays = { from, to };
  return (
    <>
      <PageHeader
        title="Model prices and GPU rates"
        description={
          canManage
            ? `How ${access.projectName} prices its events: the built-in price book, this project's overrides and aliases, and GPU rates for self-hosted models.`
            : `How ${access.projectName} prices its events. Your role can read prices; engineers, admins and owners change them.`
        }
      />
      <PricesPanel
        projectId={access.projectId}
        canManage={canManage}
        canReprice={can(access.role, "repriceEvents")}
        today={dayIn(access.timezone, now)}
        monthAgo={dayIn(access.timezone, new Date(now.getTime() - 30 * 86_400_000))}
        gpuPeriod={lastThirtyDays}
      />
    </>
  );
}
