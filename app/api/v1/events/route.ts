import { getDb } from "@/lib/db/client";
import { ApiError } from "@/lib/api/errors";
import { defineRoute } from "@/lib/api/route";
import { ingestBatch } from "@/lib/ingest/ingest";
import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from "@/lib/ingest/limits";
import { batchSchema } from "@/lib/ingest/schema";
import { ingestResponse } from "@/lib/ingest/contracts";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  summary: "Ingests a batch of usage and outcome events; answers per event once the batch is committed.",
  auth: { key: "ingest" },
  budget: "ingest",
  body: batchSchema,
  response: ingestResponse,
  checksOwnText: true,
  maxBodyBytes: MAX_BODY_BYTES,
  handler: async ({ body, projectId }) => {
    if (body.events.length > MAX_EVENTS_PER_REQUEST) {
      throw new ApiError(
        "payload_too_large",
        `A request carries at most ${MAX_EVENTS_PER_REQUEST} events; this one has ${body.events.length}. Split it into smaller batches.`,
      );
    }
    return ingestBatch(getDb().pool, projectId, body.events);
  },
});
