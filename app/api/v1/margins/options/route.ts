import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { projectCalendar } from "@/lib/analytics/calendar";
import { parsePeriodQuery } from "@/lib/margins/db";
import { marginOptionsAnswer } from "@/lib/margins/db/answers";
import { marginOptionsToWire, marginOptionsWire } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

/** What the plan editor and simulator offer: outcome types, the period's feature/model pairs, price-book models. */
export const GET = defineRoute({
  summary:
    "What the plan editor and simulator offer for a period: outcome types seen, the feature/model pairs used, and the price book's models.",
  auth: { key: "read", session: "view" },
  query: z.object({ range: z.string().optional(), from: z.string().optional(), to: z.string().optional() }),
  response: marginOptionsWire,
  handler: async ({ query, projectId }) => {
    const db = getDb();
    const period = parsePeriodQuery(query, await projectCalendar(db.pool, projectId));
    return marginOptionsToWire(await marginOptionsAnswer(db, projectId, period));
  },
});
