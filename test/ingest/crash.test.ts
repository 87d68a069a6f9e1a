/**
 * Crash test: SDK clients stream events to a real HTTP server process running the
 * POST /api/v1/events handler (test/bench/ingest/server.ts, the same route code `next start` serves,
 * without Next's router) while the test kills that process with SIGKILL and restarts it,
 * twice. Afterwards every event is stored exactly once: in the ledger, in usage_events and in
 * the rollups. 100,000 events on PostgreSQL (CRASH_EVENTS to change), 10,000 on the embedded
 * database, whose single session is far slower.
 *
 * A kill can land after PostgreSQL committed a batch but before the client read the answer:
 * the SDK then retries and the ledger answers `duplicate`, which is what this test proves.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { createClient, type UsageInput } from "../../packages/sdk/src/index";
import { sdkUsage, wireEvent } from "../bench/ingest/events";
import { testBackend, useTestDatabase } from "../support/database";
import { freePort, startApiServer } from "../support/server-process";
import { createTenant } from "./support";

const db = useTestDatabase();
const EVENTS = Number(process.env.CRASH_EVENTS ?? (testBackend() === "postgres" ? 100_000 : 10_000));
// The embedded database's socket server interleaves the extended-protocol messages of
// concurrent connections (pglite-socket 0.2.17 queues per message, not per Sync), so on
// PGlite one client sends one batch at a time; PostgreSQL takes four concurrent clients.
const CLIENTS = testBackend() === "postgres" ? 4 : 1;
const BATCH = 1000;
const KILLS = 2;

let server: ChildProcess | undefined;
const startServer = (databaseUrl: string, port: number) => startApiServer(databaseUrl, port);

afterAll(() => {
  server?.kill("SIGKILL");
});

describe("crash test", () => {
  it(`stores ${EVENTS.toLocaleString("en")} events exactly once while the server is killed and restarted ${KILLS} times`, async () => {
    const tenant = await createTenant(db);
    const port = await freePort();
    server = await startServer(db.url, port);
    const runId = `crash${Date.now()}`;
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const errors: string[] = [];

    const clients = Array.from({ length: CLIENTS }, () =>
      createClient({
        apiKey: tenant.ingestKey,
        endpoint: `http://127.0.0.1:${port}`,
        flushAt: BATCH,
        flushIntervalMs: 60_000,
        maxQueueSize: BATCH * 2,
        spool: false,
        retryBaseMs: 50,
        retryMaxMs: 500,
        requestTimeoutMs: 30_000,
        onError: (error) => errors.push(error.message),
      }),
    );
    const acknowledged = () => clients.reduce((n, client) => n + client.stats().delivered, 0);
    const share = EVENTS / CLIENTS;
    const streaming = Promise.all(
      clients.map(async (client, c) => {
        for (let i = c * share; i < (c + 1) * share; i += BATCH) {
          for (let j = i; j < i + BATCH; j++)
            client.track(sdkUsage(wireEvent(runId, j, occurredAt)) as unknown as UsageInput);
          while ((await client.flush()).queued > 0);
        }
      }),
    );

    const kills: number[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      while (acknowledged() < (EVENTS * kill) / (KILLS + 1)) await new Promise((r) => setTimeout(r, 20));
      kills.push(acknowledged());
      server.removeAllListeners("exit");
      server.kill("SIGKILL");
      await new Promise((r) => setTimeout(r, 200));
      server = await startServer(db.url, port);
    }
    await streaming;
    for (const client of clients) await client.shutdown();

    const stats = clients.map((client) => client.stats());
    const { rows } = await db.pool.query(
      `SELECT (SELECT count(*)::int FROM event_ids WHERE project_id = $1) AS ledger,
              (SELECT count(*)::int FROM usage_events WHERE project_id = $1) AS events,
              (SELECT count(DISTINCT event_id)::int FROM usage_events WHERE project_id = $1) AS distinct_events,
              (SELECT sum(events)::int FROM usage_daily WHERE project_id = $1) AS rolled`,
      [tenant.projectId],
    );
    console.log(
      `crash test (${testBackend()}): killed at ${kills.join(" and ")} acknowledged events; stored`,
      rows[0],
      "errors seen by the SDK:",
      errors.length,
    );
    expect(kills).toHaveLength(KILLS);
    expect(stats.reduce((n, s) => n + s.delivered, 0)).toBe(EVENTS);
    expect(stats.reduce((n, s) => n + s.lost, 0)).toBe(0);
    expect(rows[0]).toEqual({ ledger: EVENTS, events: EVENTS, distinct_events: EVENTS, rolled: EVENTS });
  }, 300_000);
});
