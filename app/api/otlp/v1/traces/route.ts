import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { parseJson, readBody } from "@/lib/api/body";
import { defineRoute } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";
import { attributionFrom } from "@/lib/otlp/attribution";
import { encodingOf, exportResponse, MAX_OTLP_BODY_BYTES, otlpError, replyEncodingOf } from "@/lib/otlp/http";
import { projectAttribution } from "@/lib/otlp/project-attribution";
import { receiveSpans } from "@/lib/otlp/receive";
import { decodeJsonTraces, decodeProtobufTraces, OtlpDecodeError } from "@/lib/otlp/traces";

export const dynamic = "force-dynamic";

/**
 * OTLP/HTTP traces receiver: `OTEL_EXPORTER_OTLP_ENDPOINT=<app>/api/otlp` with
 * `OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer <ingest key>`. GenAI spans become usage
 * events through the ingestion of /api/v1/events; see lib/otlp/README.md.
 */
const receive = defineRoute({
  auth: { key: "ingest" },
  budget: "ingest",
  handler: async ({ req, projectId }) => {
    const encoding = encodingOf(req.headers.get("content-type"));
    const keys = attributionFrom(req.headers, await projectAttribution(getDb().pool, projectId));
    const body = await readBody(req, MAX_OTLP_BODY_BYTES);
    let decoded;
    try {
      decoded = encoding === "protobuf" ? decodeProtobufTraces(body) : decodeJsonTraces(parseJson(body));
    } catch (error) {
      if (error instanceof OtlpDecodeError) throw new ApiError("invalid_body", error.message);
      throw error;
    }
    const result = await receiveSpans(getDb().pool, projectId, decoded, keys);
    return exportResponse(encoding, result.rejectedSpans, result.errorMessage);
  },
});

export async function POST(req: NextRequest, context: { params: Promise<Record<string, string>> }): Promise<Response> {
  const response = await receive(req, context);
  return response.status >= 400 ? otlpError(response, replyEncodingOf(req.headers.get("content-type"))) : response;
}
