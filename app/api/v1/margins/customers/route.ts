import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { parsePeriodQuery } from "@/lib/margins/db";
import { customerMarginsAnswer } from "@/lib/margins/db/answers";

export const dynamic = "force-dynamic";

/** Each customer's revenue and margin in a period (`range`, or `from`/`to`), for the customers list. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  query: z.object({ range: z.string().optional(), from: z.string().optional(), to: z.string().optional() }),
  handler: async ({ query, projectId }) => {
    const db = getDb();
    return customerMarginsAnswer(db, projectId, parsePeriodQuery(query, await projectCalendar(db.pool, projectId)));
  },
});
