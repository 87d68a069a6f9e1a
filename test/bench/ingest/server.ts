/**
 * A minimal HTTP server that mounts the app's real API route handlers (the same code `next start`
 * serves, without Next.js's router and render pipeline: test/support/api-router.ts). Used by the
 * crash, restart and fuzz tests and `npm run bench:ingest`. Prints `listening <port>` once
 * ready. Env: DATABASE_URL (required), PORT (default 0: any free port).
 */
import { getDb } from "@/lib/db/client";
import { createApiServer } from "../../support/api-router";

async function main(): Promise<void> {
  // A normal exit on SIGTERM, so that `node --cpu-prof` (BENCH_PROFILE=1) writes its profile.
  process.once("SIGTERM", () => process.exit(0));
  await getDb().pool.query("SELECT 1");
  const server = createApiServer();
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const address = server.address();
    console.log(`listening ${typeof address === "object" && address ? address.port : ""}`);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
