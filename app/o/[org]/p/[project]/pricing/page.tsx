import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { PageHeader } from "@/components/page-header";
import { pricingTab } from "@/components/margins/compare-choice";
import { PricingPage } from "@/components/margins/pricing-page";
import { parseDateRange } from "@/lib/analytics/date-range";
import { requireProjectAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { prefetchPricing } from "./prefetch";
import type { ProjectPageProps } from "@/app/o/[org]/_shell/page-props";

export const metadata: Metadata = { title: "Pricing & margin" };

export default async function PricingRoute({ params, searchParams }: ProjectPageProps) {
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  const search = await searchParams;
  const range = parseDateRange(search, access.calendar);
  const period = { from: range.firstDay, to: range.lastDay };
  const canImportRevenue = can(access.role, "importRevenue");
  const one = (name: string) => (typeof search[name] === "string" ? search[name] : undefined);
  const state = await prefetchPricing(getDb(), {
    projectId: access.projectId,
    period,
    tab: pricingTab(one("tab"), canImportRevenue),
    plan: one("plan"),
  });
  return (
    <HydrationBoundary state={state}>
      <PageHeader
        title="Pricing & margin"
        description={`Do you make money on each customer and feature, and would another plan make more? · ${range.label}`}
      />
      <PricingPage
        projectId={access.projectId}
        period={period}
        timezone={access.timezone}
        canManagePlans={can(access.role, "managePlans")}
        canImportRevenue={canImportRevenue}
      />
    </HydrationBoundary>
  );
}
