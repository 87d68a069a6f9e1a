import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { computeGpuIdle, getGpuIdleSummary } from "@/lib/pricing/db";

export const dynamic = "force-dynamic";

const period = z
  .object({ from: z.iso.date("a date YYYY-MM-DD"), to: z.iso.date("a date YYYY-MM-DD") })
  .refine((value) => value.to >= value.from, { path: ["to"], message: "must not be before from" })
  .refine((value) => Date.parse(value.to) - Date.parse(value.from) <= 400 * 86_400_000, { path: ["to"], message: "a period of at most 400 days" });

/** GPU pools' whole, busy and idle cost for a period (inclusive days), from the stored pool-days. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  query: period,
  handler: async ({ query, projectId }) => getGpuIdleSummary(getDb().pool, projectId, query.from, query.to),
});

/** Recomputes the period's pool-days and idle allocations (idempotent: the period's rows are replaced). */
export const POST = defineRoute({
  auth: { key: "admin", session: "managePrices" },
  body: z.strictObject({ from: z.iso.date("a date YYYY-MM-DD"), to: z.iso.date("a date YYYY-MM-DD") }).pipe(period),
  handler: async ({ body, projectId }) => {
    const { pool } = getDb();
    const report = await computeGpuIdle(pool, projectId, body.from, body.to);
    return { report, summary: await getGpuIdleSummary(pool, projectId, body.from, body.to) };
  },
});
