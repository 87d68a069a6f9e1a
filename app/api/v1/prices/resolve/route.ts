import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { getProjectPriceBook, resolveAnswer } from "@/lib/pricing/db";
import { instantSchema } from "@/lib/calendar/instant";
import { resolveResponse } from "@/lib/pricing/contracts";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  summary:
    'The entry that would price an event of this model (and provider) at `at`, with the match steps; or "no price" with near matches.',
  auth: { key: "read", session: "view" },
  query: z.object({
    model: z.string().trim().min(1, "required").max(300),
    provider: z.string().trim().min(1).max(100).optional(),
    at: instantSchema.optional(),
  }),
  response: resolveResponse,
  handler: async ({ query, projectId }) => {
    const book = await getProjectPriceBook(getDb().pool, projectId);
    return resolveAnswer(book, {
      model: query.model,
      ...(query.provider ? { provider: query.provider } : {}),
      at: (query.at ?? new Date()).getTime(),
    });
  },
});
