import type { Metadata } from "next";
import { DimensionTable } from "@/components/dashboard/dimension-table";
import { loadScope, type PageProps } from "@/components/dashboard/server";
import { ProjectEmptyPage } from "@/components/project-empty-page";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ params }: PageProps) {
  const { access, scope, hasEvents } = await loadScope(params);
  if (!hasEvents) return <ProjectEmptyPage access={access} title="Customers" description="Cost per end customer" />;
  return <DimensionTable scope={scope} kind="customer" />;
}
