import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { deleteFixedCost } from "@/lib/pricing/db";

export const dynamic = "force-dynamic";

export const DELETE = defineRoute<never, never, { id: string }>({
  auth: { key: "admin", session: "managePlans" },
  handler: async ({ params, projectId }) => {
    await deleteFixedCost(getDb().pool, projectId, params.id);
    return new Response(null, { status: 204 });
  },
});
