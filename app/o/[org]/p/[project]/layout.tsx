import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireProjectAccess, requireUserId } from "@/lib/auth/guard";
import { userOrganizations } from "@/lib/auth/membership";
import { currentUser } from "@/lib/auth/session";

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string; project: string }>;
}) {
  // Session first: no tenant query runs for a visitor who is not signed in.
  const userId = await requireUserId();
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  const [orgs, user] = await Promise.all([userOrganizations(userId), currentUser()]);
  return (
    <AppShell
      orgs={orgs}
      org={{ slug: access.orgSlug, name: access.orgName, timezone: access.timezone, calendar: access.calendar }}
      project={{ slug: access.projectSlug, name: access.projectName }}
      user={{ name: user?.name ?? null, email: user?.email ?? null }}
      showDateRange
    >
      {children}
    </AppShell>
  );
}
