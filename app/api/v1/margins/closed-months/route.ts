import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute, actorOf } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { todayIn } from "@/lib/calendar/zone";
import { closeMonth } from "@/lib/margins/db/close-month";
import { listClosedMonths } from "@/lib/margins/db/closed-revenue";
import { closedMonthsWire, closedMonthToWire, monthClosedWire, wireBody } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

/** Closed months: each customer's revenue frozen as it was when the month was closed. */
export const GET = defineRoute({
  summary: "The closed months, each with when and how (manual or by a revenue import) it was closed.",
  auth: { key: "read", session: "view" },
  response: closedMonthsWire,
  handler: async ({ projectId }) => ({
    closed_months: (await listClosedMonths(getDb(), projectId)).map(closedMonthToWire),
  }),
});

/** Closes an ended month (`{"month": "2026-11"}`): its revenue never changes again. */
export const POST = defineRoute({
  summary: "Closes an ended month: each customer's revenue for it is frozen as it stands now.",
  auth: { session: "managePlans" },
  body: wireBody({ month: z.string({ error: "a month written YYYY-MM" }).describe("The month to close, YYYY-MM") }),
  response: monthClosedWire,
  status: 201,
  handler: async ({ body, projectId, principal }) => {
    const db = getDb();
    const today = todayIn((await projectCalendar(db.pool, projectId)).timezone);
    return {
      closed: await closeMonth(db, projectId, body.month, { source: "manual", userId: actorOf(principal), today }),
    };
  },
});
