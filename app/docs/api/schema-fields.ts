/**
 * A zod contract as the reference's table rows: one row per field (nested fields dotted,
 * array items as `[]`), with its type, whether it is required and its `.describe()` text.
 * Read through zod 4's JSON Schema export: what a client sends is the schema's input side,
 * what it gets back the output side.
 */
import { z } from "zod";
import { documentedSchema } from "@/lib/api/wire";

interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  description?: string;
  default?: unknown;
}

function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  return z.toJSONSchema(documentedSchema(schema), { io, unrepresentable: "any" }) as JsonSchema;
}

/** The rows of a contract: the fields of an object, or one row for the whole value otherwise. */
export function schemaFields(schema: z.ZodType, io: "input" | "output"): FieldRow[] {
  const json = jsonSchemaOf(schema, io);
  const rows = childRows(json, "");
  return rows.length
    ? rows
    : [{ name: "(whole value)", type: typeOf(json), required: true, description: describe(json) }];
}

/** The fields inside a value: an object's, an array item's (`name[]`), a nullable object's, each variant's. */
function childRows(json: JsonSchema, name: string): FieldRow[] {
  if (json.items) return childRows(json.items, `${name}[]`);
  const options = (json.anyOf ?? json.oneOf)?.filter((option) => option.type !== "null");
  if (options?.length === 1) return childRows(options[0]!, name);
  if (options?.length && options.every(isObject)) return unionRows(options, name);
  return isObject(json) ? objectRows(json, name) : [];
}

function objectRows(json: JsonSchema, prefix: string): FieldRow[] {
  return Object.entries(json.properties ?? {}).flatMap(([key, field]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    const required = json.required?.includes(key) ?? false;
    return [{ name, type: typeOf(field), required, description: describe(field) }, ...childRows(field, name)];
  });
}

/**
 * A union of objects (`priced: true | false`): every variant's fields once; a field only some
 * variants have says which (`when priced is true`).
 */
function unionRows(variants: JsonSchema[], prefix: string): FieldRow[] {
  const perVariant = variants.map((variant) => ({ tag: tagOf(variant), rows: objectRows(variant, prefix) }));
  const key = (row: FieldRow) => `${row.name}:${row.type}`;
  const inEvery = (row: FieldRow) => perVariant.every(({ rows }) => rows.some((other) => key(other) === key(row)));
  const seen = new Set<string>();
  return perVariant.flatMap(({ tag, rows }) =>
    rows
      .filter((row) => !seen.has(key(row)) && seen.add(key(row)))
      .map((row) => (inEvery(row) || !tag ? row : { ...row, description: `${row.description} (${tag})`.trim() })),
  );
}

function tagOf(variant: JsonSchema): string {
  const tag = Object.entries(variant.properties ?? {}).find(([, field]) => field.const !== undefined);
  return tag ? `when ${tag[0]} is ${JSON.stringify(tag[1].const)}` : "";
}

function isObject(json: JsonSchema): boolean {
  return json.type === "object" && json.properties !== undefined;
}

function describe(json: JsonSchema): string {
  const text = json.description ?? json.anyOf?.find((option) => option.description)?.description ?? "";
  return json.default === undefined
    ? text
    : `${text}${text ? " " : ""}(default ${JSON.stringify(json.default)})`.trim();
}

/** A short type for people: `string`, `"a" | "b"`, `array of object`, `map of string to integer`, `… or null`. */
function typeOf(json: JsonSchema): string {
  if (json.const !== undefined) return JSON.stringify(json.const);
  if (json.enum) return json.enum.map((value) => JSON.stringify(value)).join(" | ");
  const options = json.anyOf ?? json.oneOf;
  if (options) return [...new Set(options.map(typeOf))].join(" or ");
  const types = Array.isArray(json.type) ? json.type : json.type ? [json.type] : [];
  if (!types.length) return "any";
  return types.map((type) => singleType(type, json)).join(" or ");
}

function singleType(type: string, json: JsonSchema): string {
  if (type === "array") return json.items ? `array of ${typeOf(json.items)}` : "array";
  if (type === "object" && !json.properties && typeof json.additionalProperties === "object") {
    const keys = json.propertyNames ? typeOf(json.propertyNames) : "string";
    return `map of ${keys} to ${typeOf(json.additionalProperties)}`;
  }
  if (type === "string" && json.format === "date-time") return "timestamp";
  return type;
}
