import type { Metadata } from "next";
import { Overview } from "@/components/dashboard/overview";
import { loadScope, type PageProps } from "@/components/dashboard/server";
import { ProjectEmptyPage } from "@/components/project-empty-page";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: PageProps) {
  const { access, scope, hasEvents } = await loadScope(params);
  if (!hasEvents) return <ProjectEmptyPage access={access} title="Overview" description="Spend, volume and unit costs for this project" />;
  return <Overview scope={scope} />;
}
