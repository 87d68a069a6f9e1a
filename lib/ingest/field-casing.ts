/**
 * The API is snake_case. An event field sent in camelCase (`serviceTier`, `costUsd`) would be an
 * unknown key, dropped without a word, and the event priced without it (standard tier, computed
 * cost): it is refused by name instead. Other unknown keys stay accepted, so an SDK newer than
 * the server does not lose events.
 */
import { outcomeEventSchema, usageEventSchema } from "./schema";

const FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(usageEventSchema.shape),
  ...Object.keys(outcomeEventSchema.shape),
]);
const UPPER = /[A-Z]/;

/** The first top-level key that is a known field in camelCase, with its snake_case name; else null. */
export function camelCaseField(event: object): { field: string; snake: string } | null {
  for (const key in event) {
    if (FIELDS.has(key) || !UPPER.test(key)) continue; // known keys first: the common event costs set lookups only
    const snake = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    if (FIELDS.has(snake)) return { field: key, snake };
  }
  return null;
}
