import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { entryHistory, getProjectPriceBook } from "@/lib/pricing/db";
import { historyResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "Every effective-dated entry of one model, catalog and overrides, oldest first.",
  auth: { key: "read", session: "view" },
  query: z.object({
    provider: z.string().trim().min(1, "required").max(100),
    model: z.string().trim().min(1, "required").max(300),
  }),
  response: historyResponse,
  handler: async ({ query, projectId }) => {
    const book = await getProjectPriceBook(getDb().pool, projectId);
    return { provider: query.provider, model: query.model, entries: entryHistory(book, query.provider, query.model) };
  },
});
