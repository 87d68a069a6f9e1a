/**
 * Money for the margins API: exact decimal strings of dollars, trailing zeros past the cents
 * trimmed ("12.50", "0.000000125"), like the read API. Reports hold bigint femtodollars; these
 * helpers turn them into JSON without ever passing through a float.
 */
import { usdJson } from "@/lib/money";

/** Every bigint in a value becomes a dollar string; everything else is copied as is. */
export function moneyJson<T>(value: T): MoneyJson<T> {
  return convert(value) as MoneyJson<T>;
}

function convert(value: unknown): unknown {
  if (typeof value === "bigint") return usdJson(value);
  if (Array.isArray(value)) return value.map(convert);
  if (value && typeof value === "object") {
    // for...in over own keys: a report has tens of thousands of objects, entries() arrays each.
    const out: Record<string, unknown> = {};
    for (const key in value) if (Object.hasOwn(value, key)) out[key] = convert((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** A value with every bigint as a dollar string, as moneyJson returns it. */
export type MoneyJson<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? MoneyJson<U>[]
    : T extends object
      ? { [K in keyof T]: MoneyJson<T[K]> }
      : T;
