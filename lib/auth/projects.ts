import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { createProject } from "./accounts";
import { authorizeOrg } from "./authorize";

interface ProjectRow {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
  activeKeys: number;
}

export async function listProjects(userId: string, orgSlug: string): Promise<ProjectRow[]> {
  const access = await authorizeOrg(userId, orgSlug, "view", "see projects");
  const projects = await getDb().prisma.project.findMany({
    where: { orgId: access.orgId },
    orderBy: { createdAt: "asc" },
    include: { _count: { select: { apiKeys: { where: { revokedAt: null } } } } },
  });
  return projects.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    createdAt: p.createdAt,
    activeKeys: p._count.apiKeys,
  }));
}

const projectSchema = z.object({
  name: z.string().trim().min(1, "required").max(80, "must be at most 80 characters"),
});

export async function createProjectIn(userId: string, orgSlug: string, input: unknown): Promise<{ slug: string }> {
  const access = await authorizeOrg(userId, orgSlug, "manageProjects", "create projects");
  const { name } = projectSchema.parse(input);
  const project = await createProject(access.orgId, name);
  return { slug: project.slug };
}
