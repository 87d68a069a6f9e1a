const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Row ids are uuids; anything else names no row (a 404, not a database cast error). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
