/**
 * The spans of one export request -> usage events, through the same ingestion as
 * `POST /api/v1/events` (validation, pricing, exactly-once write, rollups). Each event's id is
 * derived from its trace and span ids, so an exporter's retry of a delivered request stores
 * nothing twice. Spans the receiver cannot store are counted in OTLP's partial success with
 * the first reasons; spans that are not model calls are neither stored nor rejected.
 */
import type { Pool } from "pg";
import { ingestBatch } from "@/lib/ingest/ingest";
import { MAX_EVENTS_PER_REQUEST } from "@/lib/ingest/limits";
import { DEFAULT_ATTRIBUTION, spanToEvent, type AttributionKeys } from "./genai-span";
import type { OtlpSpan } from "./span";
import type { DecodedTraces } from "./traces";

interface ReceiveResult {
  readonly spans: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly rejectedSpans: number;
  /** Empty when nothing was rejected. */
  readonly errorMessage: string;
}

const MESSAGES_SHOWN = 5;

export async function receiveSpans(
  pool: Pool,
  projectId: string,
  decoded: DecodedTraces,
  keys: AttributionKeys = DEFAULT_ATTRIBUTION,
  now = Date.now(),
): Promise<ReceiveResult> {
  const reasons: string[] = [];
  const events: Record<string, unknown>[] = [];
  const sources: OtlpSpan[] = [];
  let skipped = decoded.total - decoded.spans.length;
  for (const span of decoded.spans) {
    const verdict = spanToEvent(span, keys);
    if (verdict.kind === "skip") skipped++;
    else if (!/^[0-9a-f]{32}$/.test(span.traceId) || !/^[0-9a-f]{16}$/.test(span.spanId))
      reasons.push(`span "${span.name}": a GenAI span needs a 16-byte trace_id and an 8-byte span_id`);
    else {
      events.push(verdict.event);
      sources.push(span);
    }
  }
  let accepted = 0;
  let duplicates = 0;
  for (let start = 0; start < events.length; start += MAX_EVENTS_PER_REQUEST) {
    const answer = await ingestBatch(pool, projectId, events.slice(start, start + MAX_EVENTS_PER_REQUEST), now);
    accepted += answer.accepted;
    duplicates += answer.duplicates;
    for (const result of answer.results) {
      if (result.status !== "rejected") continue;
      const span = sources[start + result.index]!;
      reasons.push(`span ${span.spanId} "${span.name}": ${result.field}: ${result.reason}`);
    }
  }
  const more = reasons.length > MESSAGES_SHOWN ? ` (and ${reasons.length - MESSAGES_SHOWN} more)` : "";
  return {
    spans: decoded.total,
    accepted,
    duplicates,
    skipped,
    rejectedSpans: reasons.length,
    errorMessage: reasons.length ? reasons.slice(0, MESSAGES_SHOWN).join("; ") + more : "",
  };
}
