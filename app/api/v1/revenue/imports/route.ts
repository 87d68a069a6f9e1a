import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { listImports } from "@/lib/margins/db";
import { importLogToWire } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

/** The import log: the latest revenue imports, applied and rejected. */
export const GET = defineRoute({
  auth: { key: "read", session: "view" },
  handler: async ({ projectId }) => ({ imports: (await listImports(getDb(), projectId)).map(importLogToWire) }),
});
