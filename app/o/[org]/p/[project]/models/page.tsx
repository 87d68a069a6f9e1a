import type { Metadata } from "next";
import { DimensionTable } from "@/components/dashboard/dimension-table";
import { loadScope, type PageProps } from "@/components/dashboard/server";
import { ProjectEmptyPage } from "@/components/project-empty-page";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage({ params }: PageProps) {
  const { access, scope, hasEvents } = await loadScope(params);
  if (!hasEvents) return <ProjectEmptyPage access={access} title="Models" description="Cost per model and provider" />;
  return <DimensionTable scope={scope} kind="model" />;
}
