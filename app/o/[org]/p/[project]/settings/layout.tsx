import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/shell/settings-tabs";

export default async function ProjectSettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string; project: string }>;
}) {
  const { org, project } = await params;
  return (
    <>
      <SettingsTabs orgSlug={org} projectSlug={project} />
      {children}
    </>
  );
}
