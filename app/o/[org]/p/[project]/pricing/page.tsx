import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { PricingPage } from "@/components/margins/pricing-page";
import { parseDateRange } from "@/lib/analytics/date-range";
import { requireProjectAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Pricing & margin" };

export default async function PricingRoute({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  const range = parseDateRange(await searchParams, access.calendar);
  return (
    <>
      <PageHeader title="Pricing & margin" description={`Do you make money on each customer and feature, and would another plan make more? · ${range.label}`} />
      <PricingPage
        projectId={access.projectId}
        period={{ from: range.firstDay, to: range.lastDay }}
        timezone={access.timezone}
        canManagePlans={can(access.role, "managePlans")}
        canImportRevenue={can(access.role, "importRevenue")}
      />
    </>
  );
}
