/**
 * The API fuzz suite: seeded, deterministic, against the real route handlers in their own
 * server process (so a hang shows as a health check that does not answer). At least 10,000
 * ingestion requests and 3,000 read requests; `npm run fuzz -- --seed N --requests N` runs a
 * longer campaign. FUZZ_SEED changes the seed here.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database";
import { freePort, startApiServer } from "../support/server-process";
import { createTenant } from "../ingest/support";
import { runCampaign } from "./campaign";
import { storedVersusAccepted } from "./stored";

const db = useTestDatabase();
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const INGEST_REQUESTS = Number(process.env.FUZZ_INGEST ?? 10_000);
const READ_REQUESTS = Number(process.env.FUZZ_READS ?? 3_000);
let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill("SIGKILL");
});

describe("API fuzz", () => {
  it(
    `answers ${INGEST_REQUESTS} generated ingestion and ${READ_REQUESTS} read requests (seed ${SEED}) without a 5xx, storing exactly the accepted events`,
    { timeout: 900_000 },
    async () => {
      const tenant = await createTenant(db);
      const port = await freePort();
      server = await startApiServer(db.url, port);
      const report = await runCampaign({
        baseUrl: `http://127.0.0.1:${port}`,
        keys: { ingest: tenant.ingestKey, read: tenant.readKey },
        seed: SEED,
        ingestRequests: INGEST_REQUESTS,
        readRequests: READ_REQUESTS,
        // The embedded database serves one statement at a time: a second sender would only make
        // the health check wait behind its batch. PostgreSQL answers it on its own connection.
        concurrency: db.backend === "postgres" ? 2 : 1,
      });
      console.log(
        `fuzz seed ${SEED}: ${report.requests} answers by status ${JSON.stringify(report.byStatus)}; ${report.acceptedIds.size} events accepted, ${report.rejectedEvents} rejected; slowest health check ${report.slowestHealthMs.toFixed(0)} ms`,
      );
      expect(report.failures).toEqual([]);
      expect(report.requests).toBe(INGEST_REQUESTS + READ_REQUESTS);
      expect(Object.keys(report.byStatus).filter((status) => Number(status) >= 500)).toEqual([]);
      expect(report.acceptedIds.size).toBeGreaterThan(INGEST_REQUESTS);
      const comparison = await storedVersusAccepted(db.pool, tenant.projectId, report);
      expect(comparison).toEqual({
        stored: report.acceptedIds.size,
        accepted: report.acceptedIds.size,
        storedButNotAccepted: [],
        acceptedButNotStored: [],
      });
    },
  );
});
