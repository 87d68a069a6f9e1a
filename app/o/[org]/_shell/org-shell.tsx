import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireOrgAccess, requireUserId } from "@/lib/auth/guard";
import { userOrganizations } from "@/lib/auth/membership";
import { currentUser } from "@/lib/auth/session";

/** The app shell for organisation pages outside settings (digest preview, outbox). */
export async function OrgShell({ orgSlug, children }: { orgSlug: string; children: ReactNode }) {
  const userId = await requireUserId();
  const access = await requireOrgAccess(orgSlug);
  const [orgs, user] = await Promise.all([userOrganizations(userId), currentUser()]);
  const firstProject = orgs.find((o) => o.slug === access.orgSlug)?.projects[0] ?? null;
  return (
    <AppShell
      orgs={orgs}
      org={{ slug: access.orgSlug, name: access.orgName, timezone: access.timezone, calendar: access.calendar }}
      project={firstProject}
      user={{ name: user?.name ?? null, email: user?.email ?? null }}
      showDateRange={false}
    >
      {children}
    </AppShell>
  );
}
