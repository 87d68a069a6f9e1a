import { getDb } from "@/lib/db/client";
import { ApiError } from "@/lib/api/errors";
import { defineRoute } from "@/lib/api/route";
import { getEvent } from "@/lib/ingest/get-event";
import { eventIdParams, storedEventResponse } from "@/lib/ingest/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "One event of the caller's project with its cost breakdown and provenance.",
  auth: { key: "read", session: "view" },
  params: eventIdParams,
  response: storedEventResponse,
  handler: async ({ params, projectId }) => {
    const event = await getEvent(getDb().pool, projectId, params.event_id);
    if (!event) throw new ApiError("not_found", `No event ${JSON.stringify(params.event_id)} in this project`);
    return { event };
  },
});
