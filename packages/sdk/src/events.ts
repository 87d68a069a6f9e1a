import { currentContext } from "./context.js";
import { isoAt, newId } from "./id.js";
import type { Context, OutcomeInput, UsageInput } from "./types.js";

const TOKEN_KEYS: Record<string, string> = {
  input: "input",
  cacheRead: "cache_read",
  cacheWrite5m: "cache_write_5m",
  cacheWrite1h: "cache_write_1h",
  output: "output",
  reasoning: "reasoning",
  audioInput: "audio_input",
  audioOutput: "audio_output",
  imageInput: "image_input",
  imageOutput: "image_output",
};
const TIERS = /^(standard|batch|flex|priority)$/;
// What JSON.stringify escapes in a string, and characters above 0x7f: the rest is quoted as is.
const ESCAPE = /["\\\u0000-\u001f\u0080-\uffff]/;
const WIDE = /[\u0080-\uffff]/g;
const json = JSON.stringify;

function bad(field: string, why: string): never {
  throw new Error(`${field}: ${why}`);
}

/**
 * Events are ASCII JSON: what JSON.stringify writes, with characters above 0x7f written as \u
 * escapes (the same JSON values), so the length of every queued string is its size in bytes.
 */
export const ascii = (s: string): string =>
  s.replace(WIDE, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));

const PLAIN = Object.prototype;

/**
 * The JSON of plain objects of numbers, strings, booleans and null (what providers' usage objects
 * are), in ASCII: the same text as JSON.stringify at about a third of its CPU on small objects.
 * undefined for what JSON leaves out; false for anything else (arrays, toJSON, class instances,
 * deep or circular nesting), which raw() hands to JSON.stringify whole.
 */
function plain(v: unknown, depth: number): string | undefined | false {
  const t = typeof v;
  if (t === "string") return q(v as string);
  if (t === "number") return isFinite(v as number) ? "" + v : "null";
  if (t === "boolean" || v === null) return "" + v;
  if (t !== "object") return t !== "bigint" && undefined; // JSON leaves out undefined, functions and symbols
  const p = depth < 8 && Object.getPrototypeOf(v);
  if ((p !== PLAIN && p !== null) || (v as { toJSON?: unknown }).toJSON !== undefined) return false;
  let s = "";
  for (const k of Object.keys(v as object)) {
    const x = plain((v as Record<string, unknown>)[k], depth + 1);
    if (x === false) return x;
    if (x !== undefined) s += (s ? "," : "{") + q(k) + ":" + x;
  }
  return s ? s + "}" : "{}";
}

/** JSON of a raw value (usage, gpu, metadata), in ASCII. */
function raw(v: unknown): string | undefined {
  const f = plain(v, 0);
  if (f !== false) return f;
  const j: string | undefined = json(v);
  return j && ascii(j);
}

/** A string as JSON, in ASCII. */
const q = (s: string): string => (ESCAPE.test(s) ? ascii(json(s)) : '"' + s + '"');

/** `,"key":value` for a defined value (already JSON); undefined fields are left out, as JSON.stringify does. */
const kv = (key: string, v: string | undefined): string => (v === undefined ? "" : ',"' + key + '":' + v);

/** The server's limit for every string field (lib/ingest/limits.ts MAX_NAME_LENGTH). */
const MAX_STRING = 200;

/** The JSON of a valid optional string field (at most MAX_STRING characters). */
function str(v: unknown, field: string, required?: boolean): string | undefined {
  if (v === undefined || v === null) return required ? bad(field, "required") : undefined;
  if (typeof v !== "string" || v.length === 0 || v.length > MAX_STRING)
    bad(field, `must be a non-empty string of at most ${MAX_STRING} characters`);
  return q(v);
}

/** The JSON of a valid optional number field. */
function num(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !(v >= 0) || v === Infinity) bad(field, "must be a finite number >= 0");
  return "" + v;
}

function meta(...layers: Array<Record<string, string> | undefined>): string | undefined {
  let out: Record<string, string> | undefined;
  for (const m of layers) {
    if (!m) continue;
    if (typeof m !== "object") bad("metadata", "must be an object of strings");
    for (const k in m) {
      if (typeof m[k] !== "string") bad(`metadata.${k}`, "must be a string");
      (out ??= {})[k] = m[k]!;
    }
  }
  return out && raw(out);
}

function when(v: unknown, now: number): string {
  if (v === undefined || v === null) return '"' + isoAt(now) + '"';
  const d = v instanceof Date ? v : new Date(v as string | number);
  const t = d.getTime();
  if (t !== t) bad("occurredAt", "must be a valid date");
  return '"' + d.toISOString() + '"';
}

const id = (i: { eventId?: string }, now: number): string => str(i.eventId, "eventId") ?? '"' + newId(now) + '"';

function obj(v: unknown, field: string): void {
  if (typeof v !== "object" || v === null || Array.isArray(v)) bad(field, "must be an object");
}

/**
 * V8 keeps the result of `a + b + ...` as a chain of pieces; reading a character makes it one flat
 * string. Queued events are flattened once, or the GC copies dozens of pieces per event while
 * it waits in the queue.
 */
const flat = (s: string): string => (s.charCodeAt(0), s);

/**
 * A usage event as its wire JSON, serialised once at track() time: the queue, the batches, the
 * byte accounting and the spool work on these strings. Same keys, order and values as
 * JSON.stringify of the event object, and the fields are checked in the same order as before.
 */
export function usageEvent(i: UsageInput, d: Context & { serviceTier?: string }): string {
  obj(i, "event");
  const c = currentContext();
  let tokens: string | undefined;
  if (i.tokens !== undefined) {
    obj(i.tokens, "tokens");
    tokens = "";
    for (const k in i.tokens) {
      const w = TOKEN_KEYS[k] ?? bad(`tokens.${k}`, "unknown token class");
      tokens += kv(w, num((i.tokens as Record<string, unknown>)[k], `tokens.${k}`));
    }
    tokens = "{" + tokens.slice(1) + "}";
  }
  if (i.usage !== undefined) obj(i.usage, "usage");
  if (i.gpu !== undefined) {
    obj(i.gpu, "gpu");
    if (num(i.gpu.seconds, "gpu.seconds") === undefined) bad("gpu.seconds", "required");
    str(i.gpu.type, "gpu.type");
    str(i.gpu.pool, "gpu.pool");
  }
  const tier = i.serviceTier ?? d.serviceTier;
  if (tier !== undefined && !TIERS.test(tier)) bad("serviceTier", "must be standard|batch|flex|priority");
  const status = i.status;
  if (status !== undefined && status !== "ok" && status !== "error") bad("status", 'must be "ok" or "error"');
  const cost = i.costUsd;
  if (cost !== undefined && !/^\d+(\.\d+)?$/.test(String(cost))) bad("costUsd", "must be a decimal >= 0");
  const now = Date.now();
  const head =
    '{"type":"usage","event_id":' +
    id(i, now) +
    ',"occurred_at":' +
    when(i.occurredAt, now) +
    kv("customer", str(i.customer ?? c?.customer ?? d.customer, "customer")) +
    kv("feature", str(i.feature ?? c?.feature ?? d.feature, "feature")) +
    ',"provider":' +
    str(i.provider, "provider", true) +
    ',"model":' +
    str(i.model, "model", true) +
    kv("service_tier", tier && '"' + tier + '"') +
    kv("tokens", tokens);
  // Every field is checked before the raw objects are serialised (a circular usage is reported last).
  const latency = num(i.latencyMs, "latencyMs");
  const errorType = str(i.errorType, "errorType");
  const trace = str(i.traceId ?? c?.traceId ?? d.traceId, "traceId");
  const session = str(i.sessionId ?? c?.sessionId ?? d.sessionId, "sessionId");
  const metadata = meta(d.metadata, c?.metadata, i.metadata);
  return flat(
    head +
      kv("usage", raw(i.usage)) +
      kv("usage_format", str(i.usageFormat, "usageFormat")) +
      kv("gpu", raw(i.gpu)) +
      kv("latency_ms", latency) +
      kv("status", status && '"' + status + '"') +
      kv("error_type", errorType) +
      kv("trace_id", trace) +
      kv("session_id", session) +
      kv("metadata", metadata) +
      kv("cost_usd", cost === undefined ? undefined : '"' + cost + '"') +
      "}",
  );
}

/** An outcome event as its wire JSON (see usageEvent). */
export function outcomeEvent(i: OutcomeInput, d: Context): string {
  obj(i, "event");
  const c = currentContext();
  const v = i.value;
  if (v !== undefined && typeof v !== "number" && !/^-?\d+(\.\d+)?$/.test(String(v)))
    bad("value", "must be a number or decimal string");
  if (typeof v === "number" && !isFinite(v)) bad("value", "must be finite");
  const now = Date.now();
  return flat(
    '{"type":"outcome","event_id":' +
      id(i, now) +
      ',"occurred_at":' +
      when(i.occurredAt, now) +
      ',"customer":' +
      str(i.customer ?? c?.customer ?? d.customer, "customer", true) +
      kv("feature", str(i.feature ?? c?.feature ?? d.feature, "feature")) +
      ',"outcome":' +
      str(i.outcome, "outcome", true) +
      kv("quantity", num(i.quantity, "quantity")) +
      kv("value", json(v)) +
      "}",
  );
}
