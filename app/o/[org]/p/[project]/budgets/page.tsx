import type { Metadata } from "next";
import { BudgetsView } from "@/components/budgets/budgets-view";
import { PageHeader } from "@/components/page-header";
import { requireProjectAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Budgets" };

export default async function BudgetsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  return (
    <>
      <PageHeader
        title="Budgets"
        description={`Spend limits with forecasts, and where their alerts go · periods in ${access.timezone}`}
      />
      <BudgetsView
        projectId={access.projectId}
        canManageBudgets={can(access.role, "manageBudgets")}
        canManageChannels={can(access.role, "manageAlertChannels")}
      />
    </>
  );
}
