import type { Metadata } from "next";
import { ProjectEmptyPage } from "@/components/project-empty-page";
import { requireProjectAccess } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Prices" };

export default async function PricesPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  return (
    <ProjectEmptyPage
      access={access}
      title="Model prices and GPU rates"
      description="The built-in price book prices every known model; overrides and GPU rates for this project are set here"
    />
  );
}
