import { z } from "zod";
import { daySchema } from "@/lib/calendar/days";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { getProjectPriceBook, listUnpricedModels } from "@/lib/pricing/db";

export const dynamic = "force-dynamic";

/** Models with unpriced events (from the rollups), with near matches and whether a price now exists. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  query: z.object({ from: daySchema.optional(), to: daySchema.optional() }),
  handler: async ({ query, projectId }) => {
    const { pool } = getDb();
    const book = await getProjectPriceBook(pool, projectId);
    const period = query.from && query.to ? { from: query.from, to: query.to } : undefined;
    return { models: await listUnpricedModels(pool, projectId, book, period) };
  },
});
