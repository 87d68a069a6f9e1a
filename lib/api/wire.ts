/**
 * The primitives of the public JSON, for response schemas: exact dollars as decimal text, days,
 * timestamps. Each says what it is, so the generated API reference does too.
 */
import { z } from "zod";

export const wireMoney = z
  .string()
  .regex(/^-?\d+\.\d{2,15}$/, "a decimal amount of dollars")
  .describe('US dollars, exact decimal text ("12.50")');

export const wireDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .describe("A day, YYYY-MM-DD");

export const wireTimestamp = z.iso.datetime({ offset: true }).describe("An ISO 8601 timestamp");

/** Where the answer is created: its new row's id. */
export const wireId = z.string().describe("The row's id (a UUID)");

/**
 * A body the domain parses itself (its schema transforms the values, e.g. dollars into
 * femtodollars): the route hands the JSON on as sent, and the reference documents `schema`.
 */
const documentedBodies = new WeakMap<z.ZodType, z.ZodType>();

export function parsedByDomain(schema: z.ZodType): z.ZodUnknown {
  const body = z.unknown();
  documentedBodies.set(body, schema);
  return body;
}

/** The schema the reference shows for a declared one: itself, or the one the domain parses with. */
export function documentedSchema(schema: z.ZodType): z.ZodType {
  return documentedBodies.get(schema) ?? schema;
}

/** A decimal as PostgreSQL's numeric text writes it ("2.5", "0.000000000000000"). */
export const wireDecimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, "a decimal number as text")
  .describe("Exact decimal text");
