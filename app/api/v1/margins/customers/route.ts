import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { parsePeriodQuery } from "@/lib/margins/db";
import { takeCustomerMargins } from "@/lib/margins/db/answers";
import { customerMarginsResponseSchema } from "@/lib/margins/wire/customer-margins";

export const dynamic = "force-dynamic";

/** Each customer's revenue and margin in a period (`range`, or `from`/`to`), for the customers list. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  summary: "Each customer's revenue and margin (on fully loaded cost) in a period, without the report's detail",
  response: customerMarginsResponseSchema,
  query: z.object({ range: z.string().optional(), from: z.string().optional(), to: z.string().optional() }),
  handler: async ({ query, projectId }) => {
    const db = getDb();
    return takeCustomerMargins(db, projectId, parsePeriodQuery(query, await projectCalendar(db.pool, projectId)));
  },
});
