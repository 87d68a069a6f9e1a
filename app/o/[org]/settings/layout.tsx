import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { SettingsTabs } from "@/components/shell/settings-tabs";
import { requireOrgAccess, requireUserId } from "@/lib/auth/guard";
import { userOrganizations } from "@/lib/auth/membership";
import { currentUser } from "@/lib/auth/session";

export default async function OrgSettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const userId = await requireUserId();
  const { org } = await params;
  const access = await requireOrgAccess(org);
  const [orgs, user] = await Promise.all([userOrganizations(userId), currentUser()]);
  // Organisation pages keep the project navigation, pointing at the organisation's first project.
  const firstProject = orgs.find((candidate) => candidate.slug === access.orgSlug)?.projects[0] ?? null;
  return (
    <AppShell
      orgs={orgs}
      org={{ slug: access.orgSlug, name: access.orgName, timezone: access.timezone, calendar: access.calendar }}
      project={firstProject}
      user={{ name: user?.name ?? null, email: user?.email ?? null }}
      showDateRange={false}
    >
      <SettingsTabs orgSlug={access.orgSlug} projectSlug={firstProject?.slug ?? null} />
      {children}
    </AppShell>
  );
}
