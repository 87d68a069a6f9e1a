import { NextResponse } from "next/server";
import { invalidFields, issuesOf, type DomainError } from "@/lib/errors";

/** The closed list of error codes of the API, each with its HTTP status. */
export const ERROR_STATUS = {
  invalid_body: 400,
  invalid_query: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
  query_timeout: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const API_DOCS_URL = "/docs/api";

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; docs: string };
}

export function errorResponse(error: ApiError): NextResponse<ErrorEnvelope> {
  return NextResponse.json(
    { error: { code: error.code, message: error.message, docs: `${API_DOCS_URL}#${error.code}` } },
    { status: ERROR_STATUS[error.code], headers: error.headers },
  );
}

/** Formats zod issues as "events[3].model: required" lines, the field first. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return invalidFields(issuesOf(issues)).message;
}

/** The envelope of a domain refusal; bad input is a body error when the route takes a body. */
export function fromDomainError(error: DomainError, takesBody: boolean): ApiError {
  const code = error.kind === "invalid" ? (takesBody ? "invalid_body" : "invalid_query") : error.kind;
  return new ApiError(code, error.message);
}
