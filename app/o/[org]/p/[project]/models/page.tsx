import type { Metadata } from "next";
import { ProjectEmptyPage } from "@/components/project-empty-page";
import { parseDateRange } from "@/lib/analytics/date-range";
import { requireProjectAccess } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  const range = parseDateRange(await searchParams, access.timezone);
  return <ProjectEmptyPage access={access} title="Models" description="Spend and unit cost per provider and model" range={range} />;
}
