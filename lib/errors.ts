/**
 * The one error type of the domain layer: what went wrong, in terms a caller can act on. The API
 * maps it once (lib/api/route.ts) and so do server actions (lib/auth/action-result.ts); nothing
 * else translates it.
 */
export type DomainErrorKind = "invalid" | "not_found" | "conflict" | "forbidden" | "unavailable";

/** One bad input: the field's path as the caller wrote it ("assignments[2].from") and why. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Bad input, each issue naming its field: the message reads "path: reason; path: reason". */
export function invalidFields(issues: readonly FieldIssue[]): DomainError {
  return new DomainError(
    "invalid",
    issues.map((issue) => `${issue.path || "(root)"}: ${issue.message}`).join("; "),
    issues,
  );
}

export function invalidField(path: string, message: string): DomainError {
  return invalidFields([{ path, message }]);
}

export function notFound(message: string): DomainError {
  return new DomainError("not_found", message);
}

export function conflict(message: string): DomainError {
  return new DomainError("conflict", message);
}

/** A zod-style path as people write it: `events[3].model`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    "",
  );
}

/** zod issues as field issues (the first 20: a message is for people). */
export function issuesOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] {
  return issues.slice(0, 20).map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
