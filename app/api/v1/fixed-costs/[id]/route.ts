import { getDb } from "@/lib/db/client";
import { idParams } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { deleteFixedCost } from "@/lib/pricing/db";

export const dynamic = "force-dynamic";

export const DELETE = defineRoute({
  summary: "Deletes a fixed cost from the project.",
  auth: { key: "admin", session: "managePlans" },
  params: idParams,
  status: 204,
  handler: async ({ params, projectId }) => {
    await deleteFixedCost(getDb().pool, projectId, params.id);
  },
});
