import type { ReactNode } from "react";
import { OrgShell } from "@/app/o/[org]/_shell/org-shell";

export default async function Layout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  return <OrgShell orgSlug={org}>{children}</OrgShell>;
}
