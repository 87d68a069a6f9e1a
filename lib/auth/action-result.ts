import { ZodError } from "zod";
import { DomainError, formatPath, type DomainErrorKind } from "@/lib/errors";
import { SignInThrottledError } from "./sign-in";

/**
 * What every server action returns: data, or an error with a code, a message and, for bad
 * input, the field it concerns. Unexpected errors are logged and answered without internals.
 */
export type ActionErrorCode = DomainErrorKind | "unauthorized" | "rate_limited" | "internal";
export type ActionResult<T = null> =
  { ok: true; data: T } | { ok: false; code: ActionErrorCode; message: string; field?: string };

export async function runAction<T>(
  userId: string | null,
  work: (userId: string) => Promise<T>,
): Promise<ActionResult<T>> {
  if (!userId) return { ok: false, code: "unauthorized", message: "Sign in first" };
  try {
    return { ok: true, data: await work(userId) };
  } catch (error) {
    return toActionError(error);
  }
}

export function toActionError(error: unknown): Extract<ActionResult, { ok: false }> {
  if (error instanceof DomainError) {
    // Forms show the field beside the message: one issue's message without its path.
    const [only, ...others] = error.issues;
    if (only?.path && others.length === 0)
      return { ok: false, code: error.kind, field: only.path, message: only.message };
    return { ok: false, code: error.kind, message: error.message, field: only?.path || undefined };
  }
  if (error instanceof SignInThrottledError) return { ok: false, code: "rate_limited", message: error.message };
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue ? formatPath(issue.path) : "";
    return { ok: false, code: "invalid", field: field || undefined, message: issue?.message ?? "invalid input" };
  }
  console.error("[action] unexpected error", error);
  return { ok: false, code: "internal", message: "Something went wrong on our side; it has been logged." };
}
