import { getDb } from "@/lib/db/client";
import { calendarOf, type OrgCalendar } from "@/lib/calendar/org-calendar";
import { isRole, type Role } from "./roles";

/**
 * Tenant resolution for a signed-in user. Every lookup starts from the user's membership,
 * so a user who is not a member of the organisation gets nothing back (and callers answer 404).
 */
export interface OrgAccess {
  userId: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  timezone: string;
  /** The organisation's calendar: its timezone and the weekday its weeks start on. */
  calendar: OrgCalendar;
  role: Role;
}

export interface ProjectAccess extends OrgAccess {
  projectId: string;
  projectSlug: string;
  projectName: string;
}

export async function orgAccessBySlug(userId: string, orgSlug: string): Promise<OrgAccess | null> {
  const membership = await getDb().prisma.membership.findFirst({
    where: { userId, org: { slug: orgSlug } },
    include: { org: true },
  });
  if (!membership || !isRole(membership.role)) return null;
  const { org } = membership;
  return {
    userId,
    orgId: org.id,
    orgSlug: org.slug,
    orgName: org.name,
    timezone: org.timezone,
    calendar: calendarOf(org),
    role: membership.role,
  };
}

export async function projectAccessBySlug(
  userId: string,
  orgSlug: string,
  projectSlug: string,
): Promise<ProjectAccess | null> {
  const org = await orgAccessBySlug(userId, orgSlug);
  if (!org) return null;
  const project = await getDb().prisma.project.findUnique({
    where: { orgId_slug: { orgId: org.orgId, slug: projectSlug } },
  });
  return project ? { ...org, projectId: project.id, projectSlug: project.slug, projectName: project.name } : null;
}

export async function projectAccessById(userId: string, projectId: string): Promise<ProjectAccess | null> {
  if (!/^[0-9a-f-]{36}$/i.test(projectId)) return null;
  const project = await getDb().prisma.project.findUnique({ where: { id: projectId }, include: { org: true } });
  if (!project) return null;
  const membership = await getDb().prisma.membership.findUnique({
    where: { orgId_userId: { orgId: project.orgId, userId } },
  });
  if (!membership || !isRole(membership.role)) return null;
  return {
    userId,
    orgId: project.orgId,
    orgSlug: project.org.slug,
    orgName: project.org.name,
    timezone: project.org.timezone,
    calendar: calendarOf(project.org),
    role: membership.role,
    projectId: project.id,
    projectSlug: project.slug,
    projectName: project.name,
  };
}

/** The organisations a user belongs to, for the switcher and the landing redirect. */
export async function userOrganizations(userId: string) {
  const memberships = await getDb().prisma.membership.findMany({
    where: { userId },
    include: { org: { include: { projects: { orderBy: { createdAt: "asc" } } } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((membership) => ({
    slug: membership.org.slug,
    name: membership.org.name,
    role: membership.role,
    projects: membership.org.projects.map((project) => ({ id: project.id, slug: project.slug, name: project.name })),
  }));
}
