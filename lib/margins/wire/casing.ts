/**
 * The margins API speaks snake_case; the domain (and the plan JSON it stores) speaks camelCase.
 * These helpers convert at the edge, in one pass, without touching values: every object the
 * margins answers hold has fixed field names (no object is keyed by a customer or a model), so
 * renaming every key is exact.
 */
import { z } from "zod";
import { DomainError, invalidFields, type FieldIssue } from "@/lib/errors";

type SnakeName<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeName<Tail>}`
  : S;

/** A domain JSON type with every key in snake_case, as `snakeKeys` returns it. */
export type SnakeKeys<T> = T extends readonly (infer U)[]
  ? SnakeKeys<U>[]
  : T extends object
    ? { [K in keyof T as K extends string ? SnakeName<K> : K]: SnakeKeys<T[K]> }
    : T;

const snakeNames = new Map<string, string>();

/** `marginPct` -> `margin_pct`, cached: a 2,000-customer report repeats a few dozen names. */
function snakeName(name: string): string {
  let snake = snakeNames.get(name);
  if (snake === undefined) {
    snake = name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    snakeNames.set(name, snake);
  }
  return snake;
}

/** A JSON value (dollar strings already, no bigint) with every key renamed to snake_case. */
export function snakeKeys<T>(value: T): SnakeKeys<T> {
  return convert(value) as SnakeKeys<T>;
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  // for...in over own keys: no entries() array per object on a report of tens of thousands.
  for (const key in value)
    if (Object.hasOwn(value, key)) out[snakeName(key)] = convert((value as Record<string, unknown>)[key]);
  return out;
}

const SNAKE = /^[a-z0-9]+(_[a-z0-9]+)*$/;

/**
 * A snake_case request body as the domain's camelCase JSON. A key that is not snake_case is
 * refused, naming its path, rather than guessed at: `pricing.rates[0].pricePerMillion`.
 */
export function camelKeys(value: unknown, path = ""): unknown {
  if (Array.isArray(value)) return value.map((item, index) => camelKeys(item, `${path}[${index}]`));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  const refused: FieldIssue[] = [];
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const at = path ? `${path}.${key}` : key;
    if (!SNAKE.test(key)) {
      refused.push({ path: at, message: `unknown field; fields are snake_case, like ${snakeName(key)}` });
      continue;
    }
    out[key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())] = camelKeys(
      (value as Record<string, unknown>)[key],
      at,
    );
  }
  if (refused.length) throw invalidFields(refused);
  return out;
}

/** `pricing.rates[0].pricePerMillion` -> `pricing.rates[0].price_per_million`. */
export function snakePath(path: string): string {
  return path.replace(/[A-Za-z0-9_]+/g, snakeName);
}

// A camelCase word outside quotes: a field name in a domain message ("duplicates [0].outcomeType").
const FIELD_WORD = /"(?:[^"\\]|\\.)*"|\b[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+\b/g;

function snakeMessage(message: string): string {
  return message.replace(FIELD_WORD, (word) => (word.startsWith('"') ? word : snakeName(word)));
}

/**
 * Runs a domain call on a converted body: its field errors name the wire's fields. Quoted
 * values (a customer called "bigCo") are left as written.
 */
export async function withWireErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError && error.kind === "invalid" && error.issues.length > 0)
      throw invalidFields(
        error.issues.map((issue) => ({ path: snakePath(issue.path), message: snakeMessage(issue.message) })),
      );
    throw error;
  }
}

/**
 * A request body's zod object: snake_case fields, and any other field refused by name (with the
 * snake_case spelling it probably meant) instead of silently dropped.
 */
export function wireBody<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown field ${issue.keys.map((key) => `"${key}"`).join(", ")}; fields are snake_case, like ${issue.keys.map(snakeName).join(", ")}`
        : undefined,
  });
}
