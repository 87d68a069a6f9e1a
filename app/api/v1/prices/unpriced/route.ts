import { z } from "zod";
import { daySchema } from "@/lib/calendar/days";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { getProjectPriceBook, listUnpricedModels } from "@/lib/pricing/db";
import { unpricedResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "Models with unpriced events (from the rollups), with near matches and whether a price now exists.",
  auth: { key: "read", session: "view" },
  query: z.object({ from: daySchema.optional(), to: daySchema.optional() }),
  response: unpricedResponse,
  handler: async ({ query, projectId }) => {
    const { pool } = getDb();
    const book = await getProjectPriceBook(pool, projectId);
    const period = query.from && query.to ? { from: query.from, to: query.to } : undefined;
    return { models: await listUnpricedModels(pool, projectId, book, period) };
  },
});
