/**
 * The database restarted under the running app (test/support/restartable-database.ts: PGlite
 * closed and reopened on the embedded backend, a PostgreSQL cluster of the test's own stopped and
 * started on the PostgreSQL backend) while an SDK client streams events to the API server
 * process. Requests in flight meanwhile get a retryable 503 (never a 500), the pool reconnects
 * on its own, and once the SDK has retried every event is stored exactly once, in the events
 * and in the rollups.
 */
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createClient, type FetchLike, type UsageInput } from "../../packages/sdk/src/index";
import { migrate } from "@/lib/db/migrate";
import { closeDb, getDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { sdkUsage, wireEvent } from "../bench/ingest/events";
import { createTenant } from "../ingest/support";
import { testBackend } from "../support/database";
import {
  clusterUnavailableReason,
  embeddedRestartable,
  postgresClusterRestartable,
  type RestartableDatabase,
} from "../support/restartable-database";
import { freePort, startApiServer } from "../support/server-process";

const EVENTS = 3_000;
const BATCH = 100;
const BACKEND = testBackend();
const unavailable = BACKEND === "postgres" ? clusterUnavailableReason() : null;
let server: ChildProcess | undefined;
let database: RestartableDatabase | undefined;

afterAll(async () => {
  server?.kill("SIGKILL");
  await closeDb();
  await database?.dispose();
});

describe("database restart", () => {
  it.skipIf(unavailable !== null)(
    `loses and duplicates none of ${EVENTS} events when ${BACKEND === "postgres" ? "PostgreSQL" : "the embedded database"} restarts mid-stream${unavailable ? ` (skipped: ${unavailable})` : ""}`,
    async () => {
      database = BACKEND === "postgres" ? await postgresClusterRestartable() : await embeddedRestartable();
      const migrator = new pg.Client({ connectionString: database.url });
      await migrator.connect();
      await migrate(migrator);
      await migrator.end();
      process.env.DATABASE_URL = database.url;
      resetEnvForTests();
      const tenant = await createTenant(getDb());
      await closeDb(); // the test holds no connection while the database is down

      const apiPort = await freePort();
      server = await startApiServer(database.url, apiPort);
      const statuses = new Map<number, number>();
      const retryAfter: string[] = [];
      const countingFetch: FetchLike = async (url, init) => {
        const response = await fetch(url, init as RequestInit);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 503) retryAfter.push(response.headers.get("retry-after") ?? "");
        return response;
      };
      const client = createClient({
        apiKey: tenant.ingestKey,
        endpoint: `http://127.0.0.1:${apiPort}`,
        flushAt: BATCH,
        flushIntervalMs: 60_000,
        maxQueueSize: EVENTS,
        spool: false, // every event must reach the server through retries alone
        retryBaseMs: 50,
        retryMaxMs: 300,
        fetch: countingFetch,
        onError: () => {},
      });
      const runId = `restart${Date.now()}`;
      const occurredAt = new Date(Date.now() - 60_000).toISOString();
      const streaming = (async () => {
        for (let i = 0; i < EVENTS; i += BATCH) {
          for (let j = i; j < i + BATCH; j++)
            client.track(sdkUsage(wireEvent(runId, j, occurredAt)) as unknown as UsageInput);
          while ((await client.flush()).queued > 0);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();

      while (client.stats().delivered < EVENTS / 3) await new Promise((resolve) => setTimeout(resolve, 10));
      await database.restart(1500);
      await streaming;
      await client.shutdown();

      console.log(`answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
      expect(client.stats().delivered).toBe(EVENTS);
      expect(statuses.get(503)).toBeGreaterThan(0);
      expect(new Set(retryAfter)).toEqual(new Set(["2"]));
      expect([...statuses.keys()].filter((status) => status >= 500 && status !== 503)).toEqual([]);

      const check = new pg.Client({ connectionString: database.url });
      await check.connect();
      const { rows } = await check.query(
        `SELECT (SELECT count(*)::int FROM usage_events WHERE project_id = $1) AS events,
              (SELECT count(DISTINCT event_id)::int FROM usage_events WHERE project_id = $1) AS distinct_events,
              (SELECT sum(events)::int FROM usage_daily WHERE project_id = $1) AS rolled`,
        [tenant.projectId],
      );
      await check.end();
      expect(rows[0]).toEqual({ events: EVENTS, distinct_events: EVENTS, rolled: EVENTS });
    },
    240_000,
  );
});
