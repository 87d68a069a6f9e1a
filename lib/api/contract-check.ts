/**
 * Response contracts checked in tests: under vitest every 2xx JSON answer of a route with a
 * `response` schema is parsed with it, and a field the schema does not declare fails too, so
 * every API test checks the contract (and the docs generated from it) for free. Production
 * skips this entirely: the answer is not read twice.
 */
import type { z } from "zod";
import { formatPath } from "@/lib/errors";
import { ApiError, describeIssues } from "./errors";

export const CHECKS_RESPONSES = process.env.VITEST !== undefined;

/** Throws an `internal_error` naming the fields when the answer breaks its schema. */
export async function checkResponse(schema: z.ZodType, response: Response): Promise<void> {
  if (!response.ok || !response.headers.get("content-type")?.startsWith("application/json")) return;
  const json: unknown = await response.clone().json();
  const result = schema.safeParse(json);
  const problem = result.success
    ? undeclaredFields(json, result.data).map((path) => `${formatPath(path)}: not in the response schema`)[0]
    : describeIssues(result.error.issues);
  if (!problem) return;
  // A test that only asserts the status still shows which field broke the contract.
  console.error("[api] response contract:", problem);
  throw new ApiError("internal_error", `The answer breaks its response schema: ${problem}`);
}

/** Paths present in the answer but dropped by the schema's parse (zod strips unknown keys). */
export function undeclaredFields(
  input: unknown,
  output: unknown,
  path: (string | number)[] = [],
): (string | number)[][] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, i) => undeclaredFields(item, output[i], [...path, i]));
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) =>
    key in output ? undeclaredFields(input[key], output[key], [...path, key]) : [[...path, key]],
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
