import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { orgAccessBySlug, projectAccessBySlug, type OrgAccess, type ProjectAccess } from "./membership";
import { currentUserId } from "./session";

/**
 * Guards for pages and layouts. The session comes first: with none, the visitor goes to the
 * login page before any tenant query runs. A non-member gets the same 404 as a missing
 * project, so slugs of other organisations cannot be probed.
 */
export async function requireUserId(returnTo?: string): Promise<string> {
  const userId = await currentUserId();
  if (!userId) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : "/login");
  return userId;
}

export const requireOrgAccess = cache(async (orgSlug: string): Promise<OrgAccess> => {
  const userId = await requireUserId();
  const access = await orgAccessBySlug(userId, orgSlug);
  if (!access) notFound();
  return access;
});

export const requireProjectAccess = cache(async (orgSlug: string, projectSlug: string): Promise<ProjectAccess> => {
  const userId = await requireUserId();
  const access = await projectAccessBySlug(userId, orgSlug, projectSlug);
  if (!access) notFound();
  return access;
});
