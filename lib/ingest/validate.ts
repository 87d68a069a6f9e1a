/**
 * Validates the events of a batch one by one: a bad event becomes a `rejected` result naming
 * its field and reason, and the others go on. Valid events come out as rows ready to price
 * and write, with token usage normalised once into canonical classes.
 */
import type { z } from "zod";
import { femtoToUsd, numberToFemto, usdToFemto } from "@/lib/money";
import { normalizeTokens, readUsage, UsageError, type NormalizedUsage } from "@/lib/pricing/normalize";
import { canonicalProvider } from "@/lib/pricing/providers";
import { TOKEN_CLASSES } from "@/lib/token-classes";
import { formatPath } from "@/lib/errors";
import { checkTimestamp } from "@/lib/calendar/instant";
import { camelCaseField } from "./field-casing";
import { MAX_AGE_DAYS, MAX_AGE_MS, MAX_FUTURE_MS, MAX_TOKENS_PER_CLASS } from "./limits";
import { outcomeEventSchema, usageEventSchema, type OutcomeEventInput, type UsageEventInput } from "./schema";
import type { EventResult, EventRow, OutcomeRow, UsageRow } from "./types";
import { isWellFormedUsage } from "./validate-fast";

export class EventRejection extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

interface ValidatedBatch {
  rows: EventRow[];
  /** One entry per event; valid events get their final status after the write. */
  results: EventResult[];
}

export function validateEvents(events: readonly unknown[], now: number): ValidatedBatch {
  const rows: EventRow[] = [];
  const results: EventResult[] = new Array(events.length);
  for (let index = 0; index < events.length; index++) {
    const event = events[index];
    const eventId = idOf(event);
    try {
      const row = validateEvent(event, index, now);
      rows.push(row);
      results[index] = { index, status: "accepted" };
    } catch (error) {
      if (!(error instanceof EventRejection)) throw error;
      results[index] = {
        index,
        ...(eventId === undefined ? {} : { event_id: eventId }),
        status: "rejected",
        field: error.field,
        reason: error.reason,
      };
    }
  }
  return { rows, results };
}

function idOf(event: unknown): string | undefined {
  const id = (event as { event_id?: unknown } | null)?.event_id;
  return typeof id === "string" && id.length <= 128 ? id : undefined;
}

export function validateEvent(event: unknown, index: number, now: number): EventRow {
  const camel = typeof event === "object" && event !== null ? camelCaseField(event) : null;
  if (camel) throw new EventRejection(camel.field, `not a field: the API is snake_case, send ${camel.snake}`);
  const type = (event as { type?: unknown } | null)?.type;
  if (type === "usage") return usageRow(isWellFormedUsage(event) ? event : parse(usageEventSchema, event), index, now);
  if (type === "outcome") return outcomeRow(parse(outcomeEventSchema, event), index, now);
  if (typeof event !== "object" || event === null || Array.isArray(event))
    throw new EventRejection("(event)", "must be an object");
  throw new EventRejection("type", 'must be "usage" or "outcome"');
}

function parse<S extends z.ZodType>(schema: S, event: unknown): z.infer<S> {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const missing = issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined;
  throw new EventRejection(formatPath(issue.path) || "(event)", missing ? "required" : issue.message);
}

/** The instant in UTC milliseconds, or a rejection when it is malformed or too far in the future or the past. */
function checkTime(occurredAt: string, now: number): number {
  const check = checkTimestamp(occurredAt);
  if (!check.ok) throw new EventRejection("occurred_at", check.reason);
  if (check.ms > now + MAX_FUTURE_MS) throw new EventRejection("occurred_at", "more than 5 minutes in the future");
  if (check.ms < now - MAX_AGE_MS)
    throw new EventRejection("occurred_at", `more than ${MAX_AGE_DAYS} days in the past`);
  return check.ms;
}

function common(event: UsageEventInput | OutcomeEventInput, index: number, now: number) {
  const occurredMs = checkTime(event.occurred_at, now);
  return {
    index,
    eventId: event.event_id,
    occurredAt: new Date(occurredMs).toISOString(),
    occurredMs,
    customer: event.customer ?? "",
    feature: event.feature ?? "",
    customerName: event.customer_name ?? null,
    featureName: event.feature_name ?? null,
    metadata: event.metadata ? JSON.stringify(event.metadata) : "{}",
  };
}

function canonicalUsage(event: UsageEventInput): NormalizedUsage {
  let usage: NormalizedUsage;
  try {
    if (event.usage) usage = readUsage(event.usage, event.provider, { format: event.usage_format });
    else if (event.tokens) usage = { tokens: normalizeTokens(event.tokens) };
    else return { tokens: {} };
  } catch (error) {
    if (error instanceof UsageError) throw new EventRejection(error.field, error.reason);
    throw error;
  }
  const { tokens } = usage;
  for (const tokenClass of TOKEN_CLASSES) {
    if ((tokens[tokenClass] ?? 0) > MAX_TOKENS_PER_CLASS) {
      throw new EventRejection(
        event.usage ? "usage" : `tokens.${tokenClass}`,
        `more than ${MAX_TOKENS_PER_CLASS} ${tokenClass} tokens`,
      );
    }
  }
  return usage;
}

function usageRow(event: UsageEventInput, index: number, now: number): UsageRow {
  const cost = event.cost_usd;
  const { tokens, units } = canonicalUsage(event);
  return {
    kind: "usage",
    ...common(event, index, now),
    provider: canonicalProvider(event.provider),
    model: event.model,
    serviceTier: event.service_tier ?? "standard",
    tokens,
    units: units && units.quantity > 0 ? units : null,
    // As re-pricing reads it back: a GPU event names a type or pool, or has GPU time.
    hasGpu:
      event.gpu !== undefined &&
      (event.gpu.type !== undefined || event.gpu.pool !== undefined || event.gpu.seconds > 0),
    gpuMicros: event.gpu ? Math.round(event.gpu.seconds * 1e6) : 0,
    gpuType: event.gpu?.type ?? null,
    gpuPool: event.gpu?.pool ?? null,
    latencyMs: event.latency_ms === undefined ? null : Math.round(event.latency_ms),
    status: event.status ?? "ok",
    errorType: event.error_type ?? null,
    traceId: event.trace_id ?? null,
    sessionId: event.session_id ?? null,
    reportedCost: cost === undefined ? null : exactMoney(cost, "cost_usd"),
    usageUnknown: event.metadata?.usage_status === "unknown" && !event.usage && !event.tokens,
  };
}

function outcomeRow(event: OutcomeEventInput, index: number, now: number): OutcomeRow {
  const value = event.value;
  return {
    kind: "outcome",
    ...common(event, index, now),
    outcome: event.outcome,
    quantity: event.quantity === undefined ? "1" : String(event.quantity),
    value: value === undefined ? null : typeof value === "string" ? value : femtoToUsd(exactMoney(value, "value")),
  };
}

/** A JSON number or decimal string as exact femtodollars, or a rejection naming the field. */
function exactMoney(value: number | string, field: string): bigint {
  try {
    return typeof value === "number" ? numberToFemto(value) : usdToFemto(value);
  } catch (error) {
    if (error instanceof RangeError)
      throw new EventRejection(field, "more than 15 decimal places or not a finite amount");
    throw error;
  }
}
