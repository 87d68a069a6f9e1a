/**
 * What a database error means for the caller. PostgreSQL (and PGlite) errors carry a SQLSTATE
 * `code`; a lost or refused connection carries a Node error code or pg's own message instead.
 */
const UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300", "53400"]);
const UNAVAILABLE_NODE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTCONN",
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /connection error/i,
  /timeout exceeded when trying to connect/i,
  /cannot use a pool after calling end/i,
  /not queryable/i,
];

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The database cannot be reached or is shutting down: the request may succeed if retried. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = codeOf(error);
  if (code && (code.startsWith("08") || UNAVAILABLE_STATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
  const message = error instanceof Error ? error.message : "";
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/** The statement ran past `statement_timeout` and was cancelled. */
export function isStatementTimeout(error: unknown): boolean {
  return codeOf(error) === "57014";
}

/**
 * The database refused the data itself (a value it cannot store, a constraint, a size limit):
 * retrying the same rows fails again, other rows may pass.
 */
export function isRefusedData(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && (code.startsWith("22") || code.startsWith("23") || code.startsWith("54"));
}

/** PostgreSQL's unique_violation, e.g. a second GPU rate for the same type and start. */
export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === "23505";
}
