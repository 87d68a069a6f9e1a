/**
 * An API's refusal placed on the form that sent it: the API names each bad field by its wire
 * path ("actual_thresholds[0]: whole percentages"); a form shows each reason under the field
 * that owns the path, and in its banner only what no field shows, or the message when the
 * refusal names no field at all.
 */
import { ApiRequestError } from "@/lib/query/hooks/fetcher";

export interface FormErrors {
  /** The reason for the field sent as `name` (or any path under it), if refused. */
  of(name: string): string | undefined;
  /** What the banner says: null when nothing was refused or every reason sits under its field. */
  banner: string | null;
}

/** Whether a wire path ("rates[0].model", "pricing.markup_percent") belongs to the field `field`. */
export function ownsPath(field: string, path: string): boolean {
  return path === field || path.startsWith(`${field}[`) || path.startsWith(`${field}.`);
}

export function formErrors(error: Error | null, fieldNames: readonly string[]): FormErrors {
  const byField = new Map<string, string>();
  const elsewhere: string[] = [];
  for (const [path, reason] of Object.entries(error instanceof ApiRequestError ? error.fields : {})) {
    const name = fieldNames.find((field) => ownsPath(field, path));
    if (name === undefined) elsewhere.push(`${path}: ${reason}`);
    else if (!byField.has(name)) byField.set(name, reason);
  }
  return {
    of: (name) => byField.get(name),
    banner: error === null ? null : byField.size === 0 ? error.message : elsewhere.length ? elsewhere.join("; ") : null,
  };
}
