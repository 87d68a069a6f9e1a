/**
 * `npm run fuzz -- [--seed N] [--requests N] [--reads N] [--concurrency N]`: a longer fuzz
 * campaign than the test suite's, on a fresh in-memory embedded database (or a new schema of
 * TEST_DATABASE_URL). Prints the answers by status and every broken rule; exits 1 on any.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { closeDb, getDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { resetEnvForTests } from "@/lib/env";
import { createTestDatabase } from "../support/database";
import { freePort, startApiServer } from "../support/server-process";
import { createTenant } from "../ingest/support";
import { runCampaign } from "./campaign";
import { storedVersusAccepted } from "./stored";

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`--${name}: a non-negative integer, not ${JSON.stringify(text)}`);
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: "string" },
      requests: { type: "string" },
      reads: { type: "string" },
      concurrency: { type: "string" },
    },
    strict: true,
  });
  const seed = positiveInt("seed", values.seed, Date.now() % 1_000_000);
  const ingestRequests = positiveInt("requests", values.requests, 50_000);
  const readRequests = positiveInt("reads", values.reads, Math.ceil(ingestRequests * 0.3));
  const concurrency = Math.max(1, positiveInt("concurrency", values.concurrency, 2));

  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  resetEnvForTests();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await migrate(client);
  await client.end();
  const tenant = await createTenant(getDb());
  const port = await freePort();
  const server = await startApiServer(database.url, port);
  try {
    console.log(
      `fuzz: seed ${seed}, ${ingestRequests} ingestion and ${readRequests} read requests, ${concurrency} at a time`,
    );
    const report = await runCampaign({
      baseUrl: `http://127.0.0.1:${port}`,
      keys: { ingest: tenant.ingestKey, read: tenant.readKey },
      seed,
      ingestRequests,
      readRequests,
      concurrency,
    });
    const comparison = await storedVersusAccepted(getDb().pool, tenant.projectId, report);
    console.log(`answers by status: ${JSON.stringify(report.byStatus)}`);
    console.log(
      `events: ${report.acceptedIds.size} accepted, ${report.rejectedEvents} rejected; stored ${comparison.stored}; slowest health check ${report.slowestHealthMs.toFixed(0)} ms`,
    );
    for (const failure of report.failures) console.log(`FAIL ${failure.request}\n     ${failure.problem}`);
    const storedRight = comparison.storedButNotAccepted.length === 0 && comparison.acceptedButNotStored.length === 0;
    if (!storedRight) console.log(`FAIL stored events differ from accepted ones: ${JSON.stringify(comparison)}`);
    console.log(
      report.failureCount === 0 && storedRight
        ? "fuzz: no failures"
        : `fuzz: ${report.failureCount} failures (seed ${seed})`,
    );
    return report.failureCount === 0 && storedRight ? 0 : 1;
  } finally {
    server.kill("SIGKILL");
    await closeDb();
    await database.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
