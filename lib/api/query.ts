/**
 * Query strings as the routes read them: a repeated parameter is an array (filters take
 * `?model=a&model=b`), a single one a string, and a missing required one is named "required".
 */
import type { z } from "zod";
import { ApiError, describeIssues } from "./errors";

/** Every parameter as a string, or an array of strings when it repeats. */
function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const result = schema.safeParse(searchParamsObject(params));
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const missing = issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined;
    return missing ? { ...issue, message: "required" } : issue;
  });
  throw new ApiError("invalid_query", describeIssues(issues));
}
