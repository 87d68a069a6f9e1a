import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { SettingsTabs } from "@/components/shell/settings-tabs";
import { requireOrgAccess, requireUserId } from "@/lib/auth/guard";
import { shellProps } from "./shell-props";

/**
 * The app shell of organisation pages (settings, digest preview, outbox). They keep the project
 * navigation, pointing at the organisation's first project; settings pages add their tabs.
 */
export async function OrgShell({
  orgSlug,
  settingsTabs = false,
  children,
}: {
  orgSlug: string;
  settingsTabs?: boolean;
  children: ReactNode;
}) {
  // Session first: no tenant query runs for a visitor who is not signed in.
  const userId = await requireUserId();
  const access = await requireOrgAccess(orgSlug);
  const shell = await shellProps(userId, access);
  const firstProject = shell.orgs.find((candidate) => candidate.slug === access.orgSlug)?.projects[0] ?? null;
  return (
    <AppShell {...shell} project={firstProject} showDateRange={false}>
      {settingsTabs && <SettingsTabs orgSlug={access.orgSlug} projectSlug={firstProject?.slug ?? null} />}
      {children}
    </AppShell>
  );
}
