/** Reading token counts out of untrusted usage objects, failing with the field's full path. */
import { UsageError } from "./usage-error";

export type UsageRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is UsageRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A non-negative integer count; absent or null is 0. */
export function count(record: UsageRecord | undefined, key: string, path: string): number {
  const value = record?.[key];
  if (value === undefined || value === null) return 0;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new UsageError(`${path}.${key}`, "must be a non-negative integer");
  }
  return value;
}

/** A nested object such as `prompt_tokens_details`; absent or null is undefined. */
export function child(record: UsageRecord | undefined, key: string, path: string): UsageRecord | undefined {
  const value = record?.[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new UsageError(`${path}.${key}`, "must be an object");
  return value;
}

/** `total - parts`, or an error naming the fields when the parts exceed the total they are inside. */
export function remainder(total: number, parts: number, field: string, reason: string): number {
  if (parts > total) throw new UsageError(field, reason);
  return total - parts;
}
