import type { ReactNode } from "react";
import { OrgShell } from "@/app/o/[org]/_shell/org-shell";

export default async function OrgSettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org } = await params;
  return (
    <OrgShell orgSlug={org} settingsTabs>
      {children}
    </OrgShell>
  );
}
