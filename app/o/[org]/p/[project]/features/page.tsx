import type { Metadata } from "next";
import { DimensionTable } from "@/components/dashboard/dimension-table";
import { loadScope, type PageProps } from "@/components/dashboard/server";
import { ProjectEmptyPage } from "@/components/project-empty-page";

export const metadata: Metadata = { title: "Features" };

export default async function FeaturesPage({ params }: PageProps) {
  const { access, scope, hasEvents } = await loadScope(params);
  if (!hasEvents) return <ProjectEmptyPage access={access} title="Features" description="Cost per product feature" />;
  return <DimensionTable scope={scope} kind="feature" />;
}
