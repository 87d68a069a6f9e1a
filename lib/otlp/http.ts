/**
 * OTLP/HTTP framing (opentelemetry-proto, OTLP spec "OTLP/HTTP"): requests in binary protobuf
 * (`application/x-protobuf`) or JSON (`application/json`), answered in the same encoding.
 * Success is 200 with an ExportTraceServiceResponse (empty, or `partial_success` with
 * `rejected_spans` and `error_message`); failures carry a google.rpc.Status with the HTTP
 * status exporters act on (400 and 401/403 are not retried, 429 with Retry-After is).
 */
import { ApiError } from "@/lib/api/errors";
import { ProtoWriter } from "./protobuf";

type OtlpEncoding = "protobuf" | "json";

const PROTOBUF = "application/x-protobuf";
const JSON_TYPE = "application/json";

/** The request's encoding from its Content-Type, or a 415 naming the two it takes. */
export function encodingOf(contentType: string | null): OtlpEncoding {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === PROTOBUF || type === "application/protobuf") return "protobuf";
  if (type === JSON_TYPE) return "json";
  throw new ApiError(
    "unsupported_media_type",
    `Content-Type must be ${PROTOBUF} or ${JSON_TYPE}, not ${contentType ?? "(none)"}`,
  );
}

/** The encoding to answer an error in: the request's when it names one, else JSON. */
export function replyEncodingOf(contentType: string | null): OtlpEncoding {
  try {
    return encodingOf(contentType);
  } catch {
    return "json";
  }
}

export function exportResponse(encoding: OtlpEncoding, rejectedSpans: number, errorMessage: string): Response {
  const partial = rejectedSpans > 0 || errorMessage !== "";
  if (encoding === "json") {
    const body = partial ? { partialSuccess: { rejectedSpans, errorMessage } } : {};
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": JSON_TYPE } });
  }
  const body = partial
    ? new ProtoWriter().bytes(1, new ProtoWriter().uint(1, rejectedSpans).string(2, errorMessage).finish()).finish()
    : new Uint8Array(0);
  return new Response(body, { status: 200, headers: { "content-type": PROTOBUF } });
}

/** google.rpc.Code for an HTTP status, as gRPC-HTTP mapping defines it. */
function rpcCode(status: number): number {
  if (status === 400 || status === 413 || status === 415) return 3; // INVALID_ARGUMENT
  if (status === 401) return 16; // UNAUTHENTICATED
  if (status === 403) return 7; // PERMISSION_DENIED
  if (status === 404) return 5; // NOT_FOUND
  if (status === 429) return 8; // RESOURCE_EXHAUSTED
  if (status === 503) return 14; // UNAVAILABLE
  return 13; // INTERNAL
}

/** Re-encodes the API's JSON error envelope as an OTLP Status in the request's encoding. */
export async function otlpError(response: Response, encoding: OtlpEncoding): Promise<Response> {
  let message = response.statusText;
  try {
    const envelope = (await response.json()) as { error?: { message?: string } };
    message = envelope.error?.message ?? message;
  } catch {
    // not our envelope: keep the status text
  }
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  const code = rpcCode(response.status);
  if (encoding === "json") {
    headers.set("content-type", JSON_TYPE);
    return new Response(JSON.stringify({ code, message }), { status: response.status, headers });
  }
  headers.set("content-type", PROTOBUF);
  return new Response(new ProtoWriter().uint(1, code).string(2, message).finish(), {
    status: response.status,
    headers,
  });
}

/**
 * Export requests carry whole batches of spans (512 by default in the SDKs), prompts included
 * when content capture is on: a larger limit than /api/v1/events, after decompression too.
 */
export const MAX_OTLP_BODY_BYTES = 8_000_000;
