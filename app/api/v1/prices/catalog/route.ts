import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { catalogStats } from "@/lib/pricing/catalog";
import { getProjectPriceBook, searchCatalog } from "@/lib/pricing/db";
import { catalogResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary: "Searches the price book (project overrides first), a page at a time: the entries in force now.",
  auth: { key: "read", session: "view" },
  query: z.object({
    search: z.string().max(200).optional(),
    provider: z.string().max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  }),
  response: catalogResponse,
  handler: async ({ query, projectId }) => {
    const book = await getProjectPriceBook(getDb().pool, projectId);
    const stats = catalogStats(book.catalog);
    return { version: stats.version, ...searchCatalog(book, query) };
  },
});
