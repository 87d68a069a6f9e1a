import type { ComponentProps } from "react";
import type { AppShell } from "@/components/shell/app-shell";
import { userOrganizations, type OrgAccess } from "@/lib/auth/membership";
import { currentUser } from "@/lib/auth/session";

type SharedShellProps = Pick<ComponentProps<typeof AppShell>, "orgs" | "org" | "user">;

/**
 * What the app shell shows on every signed-in page, organisation or project: the user's
 * organisations (switcher), the current one and the user. The one place that loads them.
 */
export async function shellProps(userId: string, access: OrgAccess): Promise<SharedShellProps> {
  const [orgs, user] = await Promise.all([userOrganizations(userId), currentUser()]);
  return {
    orgs,
    org: { slug: access.orgSlug, name: access.orgName, timezone: access.timezone, calendar: access.calendar },
    user: { name: user?.name ?? null, email: user?.email ?? null },
  };
}
