import type { Metadata } from "next";
import { formatDate } from "@/lib/format";
import { PageHeader } from "@/components/page-header";
import { ProjectsPanel } from "@/components/settings/projects-panel";
import { requireOrgAccess } from "@/lib/auth/guard";
import { listProjects } from "@/lib/auth/projects";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireOrgAccess(org);
  const projects = await listProjects(access.userId, org);
  return (
    <>
      <PageHeader title="Projects" description={`Projects of ${access.orgName}.`} />
      <ProjectsPanel
        org={access.orgSlug}
        canManage={can(access.role, "manageProjects")}
        projects={projects.map((project) => ({
          slug: project.slug,
          name: project.name,
          created: formatDate(project.createdAt, access.timezone),
          activeKeys: project.activeKeys,
        }))}
      />
    </>
  );
}
