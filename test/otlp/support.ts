/**
 * Spans made by the real OpenTelemetry JS SDK and serialised by its own OTLP serializers
 * (@opentelemetry/otlp-transformer, what the OTLP exporters send), posted to the receiver's
 * route handler in-process.
 */
import { gzipSync } from "node:zlib";
import { NextRequest } from "next/server";
import type { Attributes, SpanStatusCode } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { POST } from "@/app/api/otlp/v1/traces/route";

interface SpanSpec {
  name: string;
  attributes: Attributes;
  startMsAgo?: number;
  durationMs?: number;
  status?: { code: SpanStatusCode; message?: string };
}

/** Finished spans of one resource, made by the SDK's tracer. */
export function makeSpans(
  specs: readonly SpanSpec[],
  resource: Attributes = { "service.name": "support-api" },
): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("inferledger-test");
  const now = Date.now();
  for (const spec of specs) {
    const start = now - (spec.startMsAgo ?? 60_000);
    const span = tracer.startSpan(spec.name, { attributes: spec.attributes, startTime: new Date(start) });
    if (spec.status) span.setStatus(spec.status);
    span.end(new Date(start + (spec.durationMs ?? 1200)));
  }
  return exporter.getFinishedSpans();
}

export type Encoding = "protobuf" | "json";

export function encode(spans: ReadableSpan[], encoding: Encoding): Uint8Array {
  return encoding === "protobuf"
    ? ProtobufTraceSerializer.serializeRequest(spans)!
    : JsonTraceSerializer.serializeRequest(spans)!;
}

interface OtlpAnswer {
  status: number;
  contentType: string | null;
  body: Uint8Array;
  headers: Headers;
}

export async function postTraces(
  key: string | null,
  body: Uint8Array,
  options: { contentType?: string; gzip?: boolean; headers?: Record<string, string> } = {},
): Promise<OtlpAnswer> {
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/x-protobuf",
    ...options.headers,
  };
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.gzip) headers["content-encoding"] = "gzip";
  const payload = new Uint8Array(options.gzip ? gzipSync(body) : body);
  const req = new NextRequest("http://localhost/api/otlp/v1/traces", { method: "POST", headers, body: payload });
  const res = await POST(req, { params: Promise.resolve({}) });
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    body: new Uint8Array(await res.arrayBuffer()),
    headers: res.headers,
  };
}

/** The partial success of a 200 answer, read by the SDK's own deserializer (protobuf) or as JSON. */
export function partialSuccess(
  answer: OtlpAnswer,
  encoding: Encoding,
): { rejectedSpans?: number | string; errorMessage?: string } | undefined {
  if (encoding === "protobuf") return ProtobufTraceSerializer.deserializeResponse(answer.body).partialSuccess as never;
  return (JSON.parse(new TextDecoder().decode(answer.body)) as { partialSuccess?: never }).partialSuccess;
}

export const eventIdOf = (span: ReadableSpan) => `otlp-${span.spanContext().traceId}-${span.spanContext().spanId}`;
