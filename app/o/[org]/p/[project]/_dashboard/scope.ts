/**
 * Server side of the dashboard pages: access check, the scope the client components get, and
 * whether the project has any event yet (until it does, pages show the first-event guide).
 */
import { getDb } from "@/lib/db/client";
import { requireProjectAccess } from "@/lib/auth/guard";
import type { ProjectAccess } from "@/lib/auth/membership";
import { can } from "@/lib/auth/roles";
import { projectHasEvents } from "@/lib/analytics/queries/project-has-events";
import type { DashboardScope } from "@/components/dashboard/scope";
import type { ProjectPageProps } from "@/app/o/[org]/_shell/page-props";

export async function loadScope(
  params: ProjectPageProps["params"],
): Promise<{ access: ProjectAccess; scope: DashboardScope; hasEvents: boolean }> {
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  const scope: DashboardScope = {
    projectId: access.projectId,
    orgSlug: access.orgSlug,
    projectSlug: access.projectSlug,
    timezone: access.timezone,
    canEditPrices: can(access.role, "managePrices"),
  };
  return { access, scope, hasEvents: await projectHasEvents(getDb().pool, access.projectId) };
}
