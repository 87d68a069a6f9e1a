import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { sendDigests } from "@/lib/digest/jobs/send";
import { parseWeekKey } from "@/lib/calendar/week";
import { cronRoute } from "@/lib/scheduler/cron-route";

export const dynamic = "force-dynamic";

/** POST /api/cron/digest[?week=2026-W47]: sends the digests that are due (claimed, never twice). */
export const POST = cronRoute(async (req) => {
  const week = req.nextUrl.searchParams.get("week") ?? undefined;
  if (week) {
    try {
      parseWeekKey(week);
    } catch (error) {
      throw new ApiError("invalid_query", `week: ${(error as Error).message}`);
    }
  }
  const outcomes = await sendDigests(getDb().pool, { weekKey: week });
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  return { sent: count("sent"), failed: count("failed"), skipped: count("skipped") };
});
