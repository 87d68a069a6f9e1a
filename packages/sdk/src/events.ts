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

export class InvalidArgument extends Error {}

function bad(field: string, why: string): never {
  throw new InvalidArgument(`${field}: ${why}`);
}

function str(v: unknown, field: string, required?: boolean): string | undefined {
  if (v === undefined || v === null) return required ? bad(field, "required") : undefined;
  if (typeof v !== "string" || v.length === 0 || v.length > 256) bad(field, "must be a non-empty string of at most 256 characters");
  return v;
}

function num(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !(v >= 0) || v === Infinity) bad(field, "must be a finite number >= 0");
  return v;
}

function meta(...layers: Array<Record<string, string> | undefined>): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const m of layers) {
    if (!m) continue;
    if (typeof m !== "object") bad("metadata", "must be an object of strings");
    for (const k in m) {
      if (typeof m[k] !== "string") bad(`metadata.${k}`, "must be a string");
      (out ??= {})[k] = m[k]!;
    }
  }
  return out;
}

function when(v: unknown, now: number): string {
  if (v === undefined || v === null) return isoAt(now);
  const d = v instanceof Date ? v : new Date(v as string | number);
  const t = d.getTime();
  if (t !== t) bad("occurredAt", "must be a valid date");
  return d.toISOString();
}

const id = (i: { eventId?: string }, now: number): string => str(i.eventId, "eventId") ?? newId(now);

function obj(v: unknown, field: string): void {
  if (typeof v !== "object" || v === null || Array.isArray(v)) bad(field, "must be an object");
}

export function usageEvent(i: UsageInput, d: Context & { serviceTier?: string }): object {
  obj(i, "event");
  const c = currentContext();
  let tokens: Record<string, number> | undefined;
  if (i.tokens !== undefined) {
    obj(i.tokens, "tokens");
    tokens = {};
    for (const k in i.tokens) {
      const w = TOKEN_KEYS[k] ?? bad(`tokens.${k}`, "unknown token class");
      tokens[w] = num((i.tokens as Record<string, unknown>)[k], `tokens.${k}`)!;
    }
  }
  if (i.usage !== undefined) obj(i.usage, "usage");
  if (i.gpu !== undefined) {
    obj(i.gpu, "gpu");
    if (num(i.gpu.seconds, "gpu.seconds") === undefined) bad("gpu.seconds", "required");
    str(i.gpu.type, "gpu.type");
    str(i.gpu.pool, "gpu.pool");
  }
  const tier = i.serviceTier ?? d.serviceTier;
  if (tier !== undefined && !TIERS.test(tier)) bad("serviceTier", "must be standard, batch, flex or priority");
  if (i.status !== undefined && i.status !== "ok" && i.status !== "error") bad("status", 'must be "ok" or "error"');
  const cost = i.costUsd;
  if (cost !== undefined && !/^\d+(\.\d+)?$/.test(String(cost))) bad("costUsd", "must be a non-negative decimal");
  // One flat literal: V8 makes `{ ...spread, many: fields }` objects dozens of times slower here.
  const now = Date.now();
  return {
    type: "usage",
    event_id: id(i, now),
    occurred_at: when(i.occurredAt, now),
    customer: str(i.customer ?? c?.customer ?? d.customer, "customer"),
    feature: str(i.feature ?? c?.feature ?? d.feature, "feature"),
    provider: str(i.provider, "provider", true),
    model: str(i.model, "model", true),
    service_tier: tier,
    tokens,
    usage: i.usage,
    gpu: i.gpu,
    latency_ms: num(i.latencyMs, "latencyMs"),
    status: i.status,
    error_type: str(i.errorType, "errorType"),
    trace_id: str(i.traceId ?? c?.traceId ?? d.traceId, "traceId"),
    session_id: str(i.sessionId ?? c?.sessionId ?? d.sessionId, "sessionId"),
    metadata: meta(d.metadata, c?.metadata, i.metadata),
    cost_usd: cost === undefined ? undefined : String(cost),
  };
}

export function outcomeEvent(i: OutcomeInput, d: Context): object {
  obj(i, "event");
  const c = currentContext();
  const v = i.value;
  if (v !== undefined && typeof v !== "number" && !/^-?\d+(\.\d+)?$/.test(String(v))) bad("value", "must be a number or decimal string");
  if (typeof v === "number" && !isFinite(v)) bad("value", "must be finite");
  const now = Date.now();
  return {
    type: "outcome",
    event_id: id(i, now),
    occurred_at: when(i.occurredAt, now),
    customer: str(i.customer ?? c?.customer ?? d.customer, "customer", true),
    feature: str(i.feature ?? c?.feature ?? d.feature, "feature"),
    outcome: str(i.outcome, "outcome", true),
    quantity: num(i.quantity, "quantity"),
    value: v,
  };
}
