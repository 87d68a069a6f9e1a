import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { todayIn } from "@/lib/calendar/zone";
import { closeMonth } from "@/lib/margins/db/close-month";
import { listClosedMonths } from "@/lib/margins/db/closed-revenue";
import { closedMonthToWire, wireBody } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

/** Closed months: each customer's revenue frozen as it was when the month was closed. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  handler: async ({ projectId }) => ({
    closed_months: (await listClosedMonths(getDb(), projectId)).map(closedMonthToWire),
  }),
});

/** Closes an ended month (`{"month": "2026-11"}`): its revenue never changes again. */
export const POST = defineRoute({
  auth: { session: "managePlans" },
  body: wireBody({ month: z.string({ error: "a month written YYYY-MM" }) }),
  handler: async ({ body, projectId, principal }) => {
    const db = getDb();
    const today = todayIn((await projectCalendar(db.pool, projectId)).timezone);
    return Response.json(
      { closed: await closeMonth(db, projectId, body.month, { source: "manual", userId: actorOf(principal), today }) },
      { status: 201 },
    );
  },
});
