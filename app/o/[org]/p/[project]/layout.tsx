import type { ReactNode } from "react";
import { shellProps } from "@/app/o/[org]/_shell/shell-props";
import { AppShell } from "@/components/shell/app-shell";
import { requireProjectAccess, requireUserId } from "@/lib/auth/guard";

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
  const shell = await shellProps(userId, access);
  return (
    <AppShell {...shell} project={{ slug: access.projectSlug, name: access.projectName }} showDateRange>
      {children}
    </AppShell>
  );
}
