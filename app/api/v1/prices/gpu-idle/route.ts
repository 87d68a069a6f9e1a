import { z } from "zod";
import { dayRangeSchema } from "@/lib/calendar/days";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { computeGpuIdle, getGpuIdleSummary } from "@/lib/pricing/db";
import { gpuIdleComputeResponse, gpuIdleSummaryResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

const period = dayRangeSchema(400);

export const GET = defineRoute({
  summary: "The GPU pools' whole, busy and idle cost for a period (inclusive days), from the computed pool-days.",
  auth: { key: "read", session: "view" },
  query: period,
  response: gpuIdleSummaryResponse,
  handler: async ({ query, projectId }) => getGpuIdleSummary(getDb().pool, projectId, query.from, query.to),
});

export const POST = defineRoute({
  summary:
    "Recomputes the period's pool-days and idle allocations (idempotent: the period's rows are replaced); the scheduler does each project's last three complete days every hour.",
  auth: { key: "admin", session: "managePrices" },
  body: z.strictObject({ from: z.string(), to: z.string() }).pipe(period),
  response: gpuIdleComputeResponse,
  handler: async ({ body, projectId }) => {
    const { pool } = getDb();
    const report = await computeGpuIdle(pool, projectId, body.from, body.to);
    return { report, summary: await getGpuIdleSummary(pool, projectId, body.from, body.to) };
  },
});
