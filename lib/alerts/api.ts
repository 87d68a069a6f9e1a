import { actorOf, type Principal } from "@/lib/api/route";

/** Who is acting, for the audit log: the tenant and a member, or nobody for an API key. */
export function auditActorOf(principal: Principal): { orgId: string; projectId: string; actorId: string | null } {
  return { orgId: principal.orgId, projectId: principal.projectId, actorId: actorOf(principal) };
}
