/**
 * One span -> one usage event of `POST /api/v1/events`, or nothing. A span is a model call
 * when it carries token usage in any of the conventions instrumentations emit:
 * - OpenTelemetry GenAI: `gen_ai.usage.*` (current and the older prompt/completion names),
 *   provider `gen_ai.provider.name` (older `gen_ai.system`), model `gen_ai.response.model` or
 *   `gen_ai.request.model`;
 * - OpenInference: `llm.token_count.*`, `llm.provider` / `llm.system`, `llm.model_name`;
 * - the Vercel AI SDK: `ai.usage.*` (v4 to v6 names, nested ones dotted), `ai.model.provider`
 *   ("openai.chat"), on its provider-call spans only (`ai.operationId` ending in
 *   `.doGenerate`, `.doStream` or `.doEmbed`): the wrapping `ai.generateText` span repeats the
 *   summed usage of its steps and would count it twice.
 * A span without usage whose GenAI call failed (a model and an error status) is kept too, so
 * failures count. Everything else is skipped after one look at its attribute keys.
 */
import type { AttributeValue, Attributes, OtlpSpan } from "./span";

/** Where customer and feature are read, in order: span attributes (baggage copied onto spans by a BaggageSpanProcessor arrives there too), then resource attributes. */
export interface AttributionKeys {
  readonly customer: readonly string[];
  readonly feature: readonly string[];
}

export const DEFAULT_ATTRIBUTION: AttributionKeys = {
  customer: [
    "inferledger.customer",
    "ai.telemetry.metadata.inferledger.customer",
    "ai.telemetry.metadata.customer",
    "enduser.id",
    "user.id",
  ],
  feature: [
    "inferledger.feature",
    "ai.telemetry.metadata.inferledger.feature",
    "ai.telemetry.metadata.feature",
    "ai.telemetry.functionId",
  ],
};

type SpanVerdict = { readonly kind: "skip" } | { readonly kind: "event"; readonly event: Record<string, unknown> };

const SKIP: SpanVerdict = { kind: "skip" };
const VERCEL_PROVIDER_CALL = /\.do(Generate|Stream|Embed)$/;
const MAX_TEXT = 200;

/** OpenTelemetry's well-known `gen_ai.provider.name` / `gen_ai.system` values -> our providers. */
const OTEL_PROVIDERS: Readonly<Record<string, string>> = {
  "aws.bedrock": "bedrock",
  "az.ai.openai": "azure",
  "azure.ai.openai": "azure",
  "az.ai.inference": "azure",
  "azure.ai.inference": "azure",
  "gcp.vertex_ai": "vertex",
  "gcp.gemini": "google",
  "gcp.gen_ai": "google",
  mistral_ai: "mistral",
  x_ai: "xai",
};

const text = (value: AttributeValue | undefined): string | undefined =>
  typeof value === "string" && value.length > 0
    ? value.slice(0, MAX_TEXT)
    : typeof value === "number"
      ? String(value)
      : undefined;

function first(attributes: Attributes, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = text(attributes.get(key));
    if (value !== undefined) return value;
  }
  return undefined;
}

function providerOf(attributes: Attributes): string | undefined {
  const named = first(attributes, [
    "gen_ai.provider.name",
    "gen_ai.system",
    "llm.provider",
    "llm.system",
    "ai.model.provider",
  ]);
  if (named === undefined) return undefined;
  const lower = named.toLowerCase();
  // The Vercel AI SDK names "<provider>.<api>" ("openai.chat", "anthropic.messages").
  return OTEL_PROVIDERS[lower] ?? lower.split(".")[0];
}

/** `prefix*` attributes as a usage object; dotted remainders become nested objects. */
function usageUnder(attributes: Attributes, prefix: string, keepPrefix: boolean): Record<string, unknown> | undefined {
  let usage: Record<string, unknown> | undefined;
  for (const [key, value] of attributes) {
    if (!key.startsWith(prefix)) continue;
    usage ??= {};
    if (keepPrefix) {
      usage[key] = value;
      continue;
    }
    const path = key.slice(prefix.length).split(".");
    let node = usage;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = value;
  }
  return usage;
}

/** The usage object and the format it is in, from whichever convention the span uses. */
function usageOf(attributes: Attributes): { usage: Record<string, unknown>; format?: string } | undefined {
  const vercel = usageUnder(attributes, "ai.usage.", false);
  if (vercel) {
    // Embedding calls report one count.
    if (vercel.tokens !== undefined && vercel.inputTokens === undefined && vercel.promptTokens === undefined)
      return { usage: { promptTokens: vercel.tokens, completionTokens: 0 } };
    delete vercel.tokens;
    return { usage: vercel };
  }
  const genAi = usageUnder(attributes, "gen_ai.usage.", true);
  if (genAi) return { usage: genAi, format: "opentelemetry" };
  const openInference = usageUnder(attributes, "llm.token_count.", true);
  if (openInference) return { usage: openInference, format: "openinference" };
  return undefined;
}

/** A span may be a model call only if one of its attribute keys starts with one of these. */
export const GENAI_KEY_PREFIXES = ["gen_ai.", "ai.usage.", "llm.token_count."] as const;

export function isCandidate(attributes: Attributes): boolean {
  for (const key of attributes.keys()) {
    if (GENAI_KEY_PREFIXES.some((prefix) => key.startsWith(prefix))) return true;
  }
  return false;
}

const SERVICE_TIERS: Readonly<Record<string, string>> = {
  default: "standard",
  auto: "standard",
  standard: "standard",
  flex: "flex",
  priority: "priority",
  batch: "batch",
};

function metadataOf(span: OtlpSpan): Record<string, string> {
  const metadata: Record<string, string> = { "otel.span_name": span.name.slice(0, 1000) };
  const service = text(span.resource.get("service.name"));
  if (service) metadata["service.name"] = service;
  const operation = text(span.attributes.get("gen_ai.operation.name"));
  if (operation) metadata["gen_ai.operation.name"] = operation;
  for (const [key, value] of span.attributes) {
    const name = key.startsWith("inferledger.metadata.") ? key.slice("inferledger.metadata.".length) : undefined;
    const valueText = text(value);
    if (name && valueText !== undefined && Object.keys(metadata).length < 50) metadata[name.slice(0, 128)] = valueText;
  }
  return metadata;
}

const nanosToIso = (nanos: bigint) => new Date(Number(nanos / 1_000_000n)).toISOString();

/** The event for a GenAI span, or skip. Fields it cannot fill are left to ingestion to reject. */
export function spanToEvent(span: OtlpSpan, keys: AttributionKeys = DEFAULT_ATTRIBUTION): SpanVerdict {
  const attributes = span.attributes;
  if (!isCandidate(attributes)) return SKIP;
  const operationId = attributes.get("ai.operationId");
  if (typeof operationId === "string" && !VERCEL_PROVIDER_CALL.test(operationId)) return SKIP;
  const found = usageOf(attributes);
  const failed = span.statusCode === 2;
  const model = first(attributes, [
    "gen_ai.response.model",
    "gen_ai.request.model",
    "llm.model_name",
    "ai.response.model",
    "ai.model.id",
  ]);
  if (!found && !(failed && model)) return SKIP;

  const both = (names: readonly string[]) => first(attributes, names) ?? first(span.resource, names);
  const tier = text(
    attributes.get("gen_ai.openai.response.service_tier") ?? attributes.get("gen_ai.openai.request.service_tier"),
  );
  const event: Record<string, unknown> = {
    type: "usage",
    event_id: `otlp-${span.traceId}-${span.spanId}`,
    occurred_at: nanosToIso(span.startNanos),
    provider: providerOf(attributes) ?? providerOf(span.resource),
    model,
    latency_ms: span.endNanos > span.startNanos ? Number(span.endNanos - span.startNanos) / 1e6 : 0,
    status: failed ? "error" : "ok",
    trace_id: span.traceId,
    metadata: metadataOf(span),
  };
  if (found) {
    event.usage = found.usage;
    if (found.format) event.usage_format = found.format;
  }
  const customer = both(keys.customer);
  const feature = both(keys.feature);
  const session = both(["session.id", "gen_ai.conversation.id"]);
  if (customer) event.customer = customer;
  if (feature) event.feature = feature;
  if (session) event.session_id = session;
  if (tier && SERVICE_TIERS[tier]) event.service_tier = SERVICE_TIERS[tier];
  if (failed)
    event.error_type = text(attributes.get("error.type")) ?? (span.statusMessage.slice(0, MAX_TEXT) || "error");
  return { kind: "event", event };
}
