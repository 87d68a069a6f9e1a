import type { Metadata } from "next";
import type { ProjectPageProps } from "@/app/o/[org]/_shell/page-props";
import { loadScope } from "@/app/o/[org]/p/[project]/_dashboard/scope";
import { ProjectEmptyPage } from "@/components/project-empty-page";
import { DimensionListPage } from "../_dashboard/dimension-list-page";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ params, searchParams }: ProjectPageProps) {
  const { access, scope, hasEvents } = await loadScope(params);
  if (!hasEvents) return <ProjectEmptyPage access={access} title="Customers" description="Cost per end customer" />;
  return <DimensionListPage scope={scope} calendar={access.calendar} search={await searchParams} kind="customer" />;
}
