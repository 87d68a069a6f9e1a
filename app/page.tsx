import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { projectPath } from "@/components/shell/nav-items";
import { requireUserId } from "@/lib/auth/guard";
import { userOrganizations } from "@/lib/auth/membership";

/** The landing route: the first project of the user's first organisation, or the login page. */
export default async function Home() {
  const userId = await requireUserId();
  const orgs = await userOrganizations(userId);
  const withProject = orgs.find((org) => org.projects.length > 0);
  if (withProject) redirect(projectPath(withProject.slug, withProject.projects[0]!.slug));
  if (orgs[0]) redirect(`/o/${encodeURIComponent(orgs[0].slug)}/settings/projects`);
  return (
    <AuthCard
      title="No organisation yet"
      subtitle="You are not a member of any organisation. Ask a teammate for an invitation link."
    >
      <SignOutButton />
    </AuthCard>
  );
}
