import { DomainError, notFound } from "@/lib/errors";
import { orgAccessBySlug, projectAccessBySlug, type OrgAccess, type ProjectAccess } from "./membership";
import { can, type Action } from "./roles";

/**
 * Authorisation for the settings operations, shared by server actions and tests: membership
 * first (a non-member gets `not_found`, exactly like a missing organisation), then the role.
 */
export function forbidden(role: string, what: string): DomainError {
  return new DomainError("forbidden", `Your role (${role}) may not ${what}`);
}

export async function authorizeOrg(userId: string, orgSlug: string, action: Action, what: string): Promise<OrgAccess> {
  const access = await orgAccessBySlug(userId, orgSlug);
  if (!access) throw notFound("No such organisation");
  if (!can(access.role, action)) throw forbidden(access.role, what);
  return access;
}

export async function authorizeProject(
  userId: string,
  orgSlug: string,
  projectSlug: string,
  action: Action,
  what: string,
): Promise<ProjectAccess> {
  const access = await projectAccessBySlug(userId, orgSlug, projectSlug);
  if (!access) throw notFound("No such project");
  if (!can(access.role, action)) throw forbidden(access.role, what);
  return access;
}
