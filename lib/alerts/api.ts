/** Maps the budgets and alerts repositories' errors onto the API's one error envelope. */
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/api/route";
import { AlertsInputError, AlertsNotFound } from "./errors";

export async function mapAlertErrors<T>(where: "invalid_body" | "invalid_query", run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AlertsInputError) throw new ApiError(where, error.message);
    if (error instanceof AlertsNotFound) throw new ApiError("not_found", error.message);
    throw error;
  }
}

/** Who is acting, for the audit log: a member, or nobody for an API key. */
export function actorOf(principal: Principal): { orgId: string; projectId: string; actorId: string | null } {
  return { orgId: principal.orgId, projectId: principal.projectId, actorId: principal.kind === "session" ? principal.userId : null };
}
