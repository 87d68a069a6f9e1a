/** Refusals of the pricing store, mapped by the API to its envelope (404, 409, 400). */
export class PricingError extends Error {
  constructor(
    readonly code: "not_found" | "conflict" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else names no row (a 404, not a database cast error). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** PostgreSQL's unique_violation, e.g. a second GPU rate for the same type and start. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";
}
