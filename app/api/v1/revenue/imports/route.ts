import { getDb } from "@/lib/db/client";
import { defineRoute } from "@/lib/api/route";
import { listImports } from "@/lib/margins/db";
import { importLogToWire, importsWire } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

/** The import log: the latest revenue imports, applied and rejected. */
export const GET = defineRoute({
  summary: "The import log: the latest revenue imports, applied and rejected.",
  auth: { key: "read", session: "view" },
  response: importsWire,
  handler: async ({ projectId }) => ({ imports: (await listImports(getDb(), projectId)).map(importLogToWire) }),
});
