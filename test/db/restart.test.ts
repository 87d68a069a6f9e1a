/**
 * The database restarted under the running app: the embedded database is closed and reopened
 * from its data folder on the same port while SDK clients stream events to the API server
 * process. Requests in flight meanwhile get a retryable 503 (never a 500), the pool reconnects
 * on its own, and once the SDK has retried every event is stored exactly once, in the events
 * and in the rollups.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createClient, type FetchLike, type UsageInput } from "../../packages/sdk/src/index";
import { startEmbedded, type EmbeddedOwner } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { closeDb, getDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { sdkUsage, wireEvent } from "../bench/ingest/events";
import { createTenant } from "../ingest/support";
import { freePort, startApiServer } from "../support/server-process";

const EVENTS = 3_000;
const BATCH = 100;
let server: ChildProcess | undefined;
let owner: EmbeddedOwner | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  server?.kill("SIGKILL");
  await closeDb();
  await owner?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("database restart", () => {
  it(`loses and duplicates none of ${EVENTS} events when the database restarts mid-stream`, async () => {
    dataDir = path.join(await mkdtemp(path.join(tmpdir(), "inferledger-restart-")), "pglite");
    const dbPort = await freePort();
    owner = await startEmbedded(dataDir, { port: dbPort });
    const migrator = new pg.Client({ connectionString: owner.url });
    await migrator.connect();
    await migrate(migrator);
    await migrator.end();
    process.env.DATABASE_URL = owner.url;
    resetEnvForTests();
    const tenant = await createTenant(getDb());
    await closeDb(); // the test holds no connection while the database is down

    const apiPort = await freePort();
    server = await startApiServer(owner.url, apiPort);
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
      maxRetries: 1_000,
      retryBaseMs: 50,
      retryMaxMs: 300,
      fetch: countingFetch,
      onError: () => {},
    });
    const runId = `restart${Date.now()}`;
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const streaming = (async () => {
      for (let i = 0; i < EVENTS; i += BATCH) {
        for (let j = i; j < i + BATCH; j++) client.track(sdkUsage(wireEvent(runId, j, occurredAt)) as unknown as UsageInput);
        await client.flush();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    while (client.stats().sent < EVENTS / 3) await new Promise((resolve) => setTimeout(resolve, 10));
    await owner.close();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    owner = await startEmbedded(dataDir, { port: dbPort });
    await streaming;
    await client.shutdown();

    console.log(`answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(client.stats().sent).toBe(EVENTS);
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect(new Set(retryAfter)).toEqual(new Set(["2"]));
    expect([...statuses.keys()].filter((status) => status >= 500 && status !== 503)).toEqual([]);

    const check = new pg.Client({ connectionString: owner.url });
    await check.connect();
    const { rows } = await check.query(
      `SELECT (SELECT count(*)::int FROM usage_events WHERE project_id = $1) AS events,
              (SELECT count(DISTINCT event_id)::int FROM usage_events WHERE project_id = $1) AS distinct_events,
              (SELECT sum(events)::int FROM usage_daily WHERE project_id = $1) AS rolled`,
      [tenant.projectId],
    );
    await check.end();
    expect(rows[0]).toEqual({ events: EVENTS, distinct_events: EVENTS, rolled: EVENTS });
  }, 240_000);
});
