/**
 * The glue between the read-API route handlers and the queries: query strings with repeated
 * parameters, validation errors that name the parameter, and the
 * JSON-or-CSV answer. Route handlers stay one declaration each.
 */
import type { z } from "zod";
import { ApiError, describeIssues } from "@/lib/api/errors";
import { csvResponse, toCsv } from "./csv";
import type { CsvTable } from "./csv-tables";

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

export function respond<T>(
  format: "json" | "csv",
  body: T,
  csv: (body: T) => CsvTable,
  filename: string,
): T | Response {
  if (format === "json") return body;
  const table = csv(body);
  return csvResponse(`${filename}.csv`, toCsv(table.header, table.rows));
}
