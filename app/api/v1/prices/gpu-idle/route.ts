import { z } from "zod";
import { dayRangeSchema } from "@/lib/calendar/days";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { computeGpuIdle, getGpuIdleSummary } from "@/lib/pricing/db";

export const dynamic = "force-dynamic";

const period = dayRangeSchema(400);

/** GPU pools' whole, busy and idle cost for a period (inclusive days), from the stored pool-days. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  query: period,
  handler: async ({ query, projectId }) => getGpuIdleSummary(getDb().pool, projectId, query.from, query.to),
});

/** Recomputes the period's pool-days and idle allocations (idempotent: the period's rows are replaced). */
export const POST = defineRoute({
  auth: { key: "admin", session: "managePrices" },
  body: z.strictObject({ from: z.string(), to: z.string() }).pipe(period),
  handler: async ({ body, projectId }) => {
    const { pool } = getDb();
    const report = await computeGpuIdle(pool, projectId, body.from, body.to);
    return { report, summary: await getGpuIdleSummary(pool, projectId, body.from, body.to) };
  },
});
