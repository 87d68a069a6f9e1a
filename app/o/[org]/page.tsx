import { redirect } from "next/navigation";
import { projectPath } from "@/components/shell/nav-items";
import { requireOrgAccess, requireUserId } from "@/lib/auth/guard";
import { userOrganizations } from "@/lib/auth/membership";

export default async function OrgIndex({ params }: { params: Promise<{ org: string }> }) {
  const userId = await requireUserId();
  const { org } = await params;
  const access = await requireOrgAccess(org);
  const first = (await userOrganizations(userId)).find((candidate) => candidate.slug === access.orgSlug)?.projects[0];
  redirect(
    first ? projectPath(access.orgSlug, first.slug) : `/o/${encodeURIComponent(access.orgSlug)}/settings/projects`,
  );
}
