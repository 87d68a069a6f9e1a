/**
 * ExportTraceServiceRequest (opentelemetry-proto, trace/v1) decoded from protobuf or OTLP/JSON
 * into the little this receiver reads: per span its ids, name, times, status and attributes
 * (scalar values; arrays, key-value lists and bytes are kept as null), with its resource's
 * attributes. Events and links are skipped unread, and so is every span none of whose attribute
 * keys could make it a model call (genai-span.ts): in protobuf its keys are compared as bytes,
 * and nothing else of it is decoded.
 */
import { GENAI_KEY_PREFIXES, isCandidate } from "./genai-span";
import { ProtoReader, ProtobufError, WIRE } from "./protobuf";
import type { AttributeValue, Attributes, OtlpSpan } from "./span";

export class OtlpDecodeError extends Error {}

export interface DecodedTraces {
  /** The spans that may be model calls. */
  readonly spans: OtlpSpan[];
  /** Every span of the request, skipped ones included. */
  readonly total: number;
}

const textDecoder = new TextDecoder();
const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");

// ---- protobuf --------------------------------------------------------------------------

function anyValue(reader: ProtoReader): AttributeValue {
  let value: AttributeValue = null;
  while (!reader.done()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.bytes) value = reader.string();
    else if (field === 2 && wire === WIRE.varint) value = reader.varint() !== 0;
    else if (field === 3 && wire === WIRE.varint) value = reader.int64();
    else if (field === 4 && wire === WIRE.fixed64) value = reader.double();
    else {
      reader.skip(wire);
      value = null;
    }
  }
  return value;
}

function keyValue(reader: ProtoReader, into: Map<string, AttributeValue>): void {
  let key = "";
  let value: AttributeValue = null;
  while (!reader.done()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.bytes) key = reader.string();
    else if (field === 2 && wire === WIRE.bytes) value = anyValue(reader.message());
    else reader.skip(wire);
  }
  into.set(key, value);
}

function resourceAttributes(reader: ProtoReader): Map<string, AttributeValue> {
  const attributes = new Map<string, AttributeValue>();
  while (!reader.done()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.bytes) keyValue(reader.message(), attributes);
    else reader.skip(wire);
  }
  return attributes;
}

const PREFIX_BYTES = GENAI_KEY_PREFIXES.map((prefix) => new TextEncoder().encode(prefix));

/** Whether a KeyValue's key starts with a GenAI prefix, compared as bytes. */
function hasGenAiKey(keyValue: ProtoReader): boolean {
  while (!keyValue.done()) {
    const { field, wire } = keyValue.tag();
    if (field !== 1 || wire !== WIRE.bytes) {
      keyValue.skip(wire);
      continue;
    }
    const key = keyValue.bytes();
    return PREFIX_BYTES.some((prefix) => prefix.length <= key.length && prefix.every((byte, i) => key[i] === byte));
  }
  return false;
}

/** One span, or undefined when none of its attribute keys could make it a model call. */
function span(reader: ProtoReader, resource: Attributes): OtlpSpan | undefined {
  let traceId: Uint8Array | undefined;
  let spanId: Uint8Array | undefined;
  let name: Uint8Array | undefined;
  let start: ProtoReader | undefined;
  let end: ProtoReader | undefined;
  let status: ProtoReader | undefined;
  const keyValues: ProtoReader[] = [];
  let candidate = false;
  while (!reader.done()) {
    const { field, wire } = reader.tag();
    switch (field) {
      case 1:
        reader.expect(field, wire, WIRE.bytes);
        traceId = reader.bytes();
        break;
      case 2:
        reader.expect(field, wire, WIRE.bytes);
        spanId = reader.bytes();
        break;
      case 5:
        reader.expect(field, wire, WIRE.bytes);
        name = reader.bytes();
        break;
      case 7:
        reader.expect(field, wire, WIRE.fixed64);
        start = reader.clone();
        reader.skip(wire);
        break;
      case 8:
        reader.expect(field, wire, WIRE.fixed64);
        end = reader.clone();
        reader.skip(wire);
        break;
      case 9: {
        reader.expect(field, wire, WIRE.bytes);
        const keyValue = reader.message();
        candidate ||= hasGenAiKey(keyValue.clone());
        keyValues.push(keyValue);
        break;
      }
      case 15:
        reader.expect(field, wire, WIRE.bytes);
        status = reader.message();
        break;
      default:
        reader.skip(wire);
    }
  }
  if (!candidate) return undefined;
  const attributes = new Map<string, AttributeValue>();
  for (const keyValueReader of keyValues) keyValue(keyValueReader, attributes);
  let statusCode = 0;
  let statusMessage = "";
  while (status && !status.done()) {
    const tag = status.tag();
    if (tag.field === 2 && tag.wire === WIRE.bytes) statusMessage = status.string();
    else if (tag.field === 3 && tag.wire === WIRE.varint) statusCode = status.varint();
    else status.skip(tag.wire);
  }
  return {
    traceId: traceId ? hex(traceId) : "",
    spanId: spanId ? hex(spanId) : "",
    name: name ? textDecoder.decode(name) : "",
    startNanos: start ? start.fixed64() : 0n,
    endNanos: end ? end.fixed64() : 0n,
    statusCode,
    statusMessage,
    attributes,
    resource,
  };
}

function resourceSpans(reader: ProtoReader, out: OtlpSpan[]): number {
  let resource: Attributes = new Map();
  const scopes: ProtoReader[] = [];
  while (!reader.done()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.bytes) resource = resourceAttributes(reader.message());
    else if (field === 2 && wire === WIRE.bytes) scopes.push(reader.message());
    else reader.skip(wire);
  }
  // The resource may come after its scopes on the wire: spans are read once it is known.
  let total = 0;
  for (const scope of scopes) {
    while (!scope.done()) {
      const { field, wire } = scope.tag();
      if (field !== 2 || wire !== WIRE.bytes) {
        scope.skip(wire);
        continue;
      }
      total++;
      const read = span(scope.message(), resource);
      if (read) out.push(read);
    }
  }
  return total;
}

export function decodeProtobufTraces(body: Uint8Array): DecodedTraces {
  const spans: OtlpSpan[] = [];
  let total = 0;
  try {
    const reader = new ProtoReader(body);
    while (!reader.done()) {
      const { field, wire } = reader.tag();
      if (field === 1 && wire === WIRE.bytes) total += resourceSpans(reader.message(), spans);
      else reader.skip(wire);
    }
  } catch (error) {
    if (error instanceof ProtobufError)
      throw new OtlpDecodeError(`not a valid ExportTraceServiceRequest: ${error.message}`);
    throw error;
  }
  return { spans, total };
}

// ---- OTLP/JSON -------------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function list(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`${path}: must be an array`);
  return value;
}

function jsonAnyValue(value: unknown): AttributeValue {
  if (!isObject(value)) return null;
  if (typeof value.stringValue === "string") return value.stringValue;
  if (typeof value.boolValue === "boolean") return value.boolValue;
  if (typeof value.doubleValue === "number") return value.doubleValue;
  const int = value.intValue;
  // int64 is a decimal string in OTLP/JSON; exporters also send plain numbers.
  if (typeof int === "number" && Number.isSafeInteger(int)) return int;
  if (typeof int === "string" && /^-?\d{1,20}$/.test(int)) return Number.isSafeInteger(Number(int)) ? Number(int) : int;
  return null;
}

function jsonAttributes(value: unknown, path: string): Map<string, AttributeValue> {
  const attributes = new Map<string, AttributeValue>();
  list(value, path).forEach((item, i) => {
    if (!isObject(item) || typeof item.key !== "string")
      throw new OtlpDecodeError(`${path}[${i}]: must be {key, value}`);
    attributes.set(item.key, jsonAnyValue(item.value));
  });
  return attributes;
}

/** A trace or span id: hex as OTLP/JSON specifies, or base64 as exporters before OTLP 1.0 sent it. */
function jsonId(value: unknown, length: number, path: string): string {
  if (value === undefined || value === "") return "";
  if (typeof value === "string" && new RegExp(`^[0-9a-fA-F]{${length}}$`).test(value)) return value.toLowerCase();
  if (typeof value === "string" && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    const bytes = Buffer.from(value, "base64");
    if (bytes.length * 2 === length) return bytes.toString("hex");
  }
  throw new OtlpDecodeError(`${path}: must be ${length} hex characters`);
}

function jsonNanos(value: unknown, path: string): bigint {
  if (value === undefined) return 0n;
  if (typeof value === "string" && /^\d{1,20}$/.test(value)) return BigInt(value);
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new OtlpDecodeError(`${path}: must be unsigned nanoseconds (a decimal string)`);
}

function jsonSpan(value: unknown, path: string, resource: Attributes): OtlpSpan {
  if (!isObject(value)) throw new OtlpDecodeError(`${path}: must be an object`);
  const status = isObject(value.status) ? value.status : {};
  return {
    traceId: jsonId(value.traceId, 32, `${path}.traceId`),
    spanId: jsonId(value.spanId, 16, `${path}.spanId`),
    name: typeof value.name === "string" ? value.name : "",
    startNanos: jsonNanos(value.startTimeUnixNano, `${path}.startTimeUnixNano`),
    endNanos: jsonNanos(value.endTimeUnixNano, `${path}.endTimeUnixNano`),
    statusCode: typeof status.code === "number" ? status.code : 0,
    statusMessage: typeof status.message === "string" ? status.message : "",
    attributes: jsonAttributes(value.attributes, `${path}.attributes`),
    resource,
  };
}

export function decodeJsonTraces(body: unknown): DecodedTraces {
  if (!isObject(body)) throw new OtlpDecodeError("the body must be an ExportTraceServiceRequest object");
  const spans: OtlpSpan[] = [];
  list(body.resourceSpans, "resourceSpans").forEach((rs, r) => {
    const path = `resourceSpans[${r}]`;
    if (!isObject(rs)) throw new OtlpDecodeError(`${path}: must be an object`);
    const resource = jsonAttributes(
      isObject(rs.resource) ? rs.resource.attributes : undefined,
      `${path}.resource.attributes`,
    );
    list(rs.scopeSpans, `${path}.scopeSpans`).forEach((ss, s) => {
      if (!isObject(ss)) throw new OtlpDecodeError(`${path}.scopeSpans[${s}]: must be an object`);
      list(ss.spans, `${path}.scopeSpans[${s}].spans`).forEach((sp, i) =>
        spans.push(jsonSpan(sp, `${path}.scopeSpans[${s}].spans[${i}]`, resource)),
      );
    });
  });
  return { spans: spans.filter((span) => isCandidate(span.attributes)), total: spans.length };
}
