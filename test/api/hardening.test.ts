/**
 * Regressions of the defects the attack on the running app found: each reproduction, now a
 * clear 4xx (or a per-event rejection) instead of a hang or a 500.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as anomalies } from "@/app/api/v1/anomalies/route";
import { GET as anomalySeries } from "@/app/api/v1/anomalies/series/route";
import { GET as margins } from "@/app/api/v1/margins/route";
import { GET as summary } from "@/app/api/v1/summary/route";
import { GET as eventById } from "@/app/api/v1/events/[event_id]/route";
import { defineRoute } from "@/lib/api/route";
import { closeDb, getDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { testBackend, useTestDatabase } from "../support/database";
import { callRoute } from "../analytics/support";
import { createTenant, postEvents, usageEvent } from "../ingest/support";

const db = useTestDatabase();

async function storedIds(projectId: string): Promise<string[]> {
  const { rows } = await db.pool.query<{ event_id: string }>(
    "SELECT event_id FROM usage_events WHERE project_id = $1 ORDER BY event_id",
    [projectId],
  );
  return rows.map((row) => row.event_id);
}

describe("dates the API accepts", () => {
  it("answers margins up to 9999-12-31 with a 400 at once instead of looping forever", async () => {
    const tenant = await createTenant(db);
    for (const [to, reason] of [
      ["9999-12-31", "to: outside the supported dates 2000-01-01 to 2100-12-31"],
      ["x", "to: a day as YYYY-MM-DD"],
      ["0001-01-01", "to: outside the supported dates 2000-01-01 to 2100-12-31"],
    ]) {
      const res = await callRoute(margins, `/api/v1/margins?to=${to}`, tenant.readKey);
      expect(res.status).toBe(400);
      expect(res.json.error.message).toBe(reason);
    }
    const tooLong = await callRoute(margins, "/api/v1/margins?from=2024-01-01&to=2026-12-01", tenant.readKey);
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.message).toMatch(/^to: a period of at most 731 days/);
    const fine = await callRoute(margins, "/api/v1/margins?from=2026-11-01&to=2026-11-30", tenant.readKey);
    expect(fine.status).toBe(200);
  });

  it("refuses an impossible day on the anomaly series, naming it", async () => {
    const tenant = await createTenant(db);
    const res = await callRoute(anomalySeries, "/api/v1/anomalies/series?series=cost&to=2026-02-30", tenant.readKey);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe("to: not a calendar day (2026-02-30)");
  });

  it("lists anomalies with a read key and no project parameter (the key carries it)", async () => {
    const tenant = await createTenant(db);
    const res = await callRoute(anomalies, "/api/v1/anomalies", tenant.readKey);
    expect(res.status).toBe(200);
  });
});

describe("text PostgreSQL cannot store", () => {
  it("refuses a NUL byte in a read filter or an event id with a 400 naming the parameter", async () => {
    const tenant = await createTenant(db);
    const filtered = await callRoute(summary, "/api/v1/summary?range=7d&feature=%00", tenant.readKey);
    expect(filtered.status).toBe(400);
    expect(filtered.json.error.message).toBe("feature: must not contain NUL (\\u0000) characters");
    const req = new NextRequest("http://localhost/api/v1/events/%00", {
      headers: { authorization: `Bearer ${tenant.readKey}` },
    });
    const byId = await eventById(req, { params: Promise.resolve({ event_id: "\u0000" }) });
    expect(byId.status).toBe(400);
    expect(((await byId.json()) as { error: { message: string } }).error.message).toBe(
      "event_id: must not contain NUL (\\u0000) characters",
    );
  });
});

describe("one bad event never costs the batch its good events", () => {
  it("rejects the events the database could not store and stores the rest", async () => {
    const tenant = await createTenant(db);
    const good = usageEvent({ event_id: "good" });
    const events = [
      good,
      usageEvent({ event_id: "far-east", occurred_at: "2026-12-01T12:00:00+16:00" }),
      usageEvent({ event_id: "surrogate-metadata", metadata: { k: "\ud800" } }),
      usageEvent({ event_id: "surrogate-customer", customer: "acme\udc00" }),
      usageEvent({ event_id: "proto", provider: "__proto__" }),
      usageEvent({ event_id: "ctor", provider: "constructor", model: "constructor" }),
    ];
    const res = await postEvents(tenant.ingestKey, { events });
    expect(res.status).toBe(200);
    expect(
      res.json.results.map((result: { status: string; field?: string }) => [result.status, result.field ?? null]),
    ).toEqual([
      ["accepted", null],
      ["rejected", "occurred_at"],
      ["rejected", "metadata.k"],
      ["rejected", "customer"],
      ["accepted", null],
      ["accepted", null],
    ]);
    expect(res.json.results[1].reason).toBe("a timezone offset between -12:00 and +14:00");
    expect(res.json.results[2].reason).toBe("must be valid Unicode (it holds a lone UTF-16 surrogate)");
    expect(await storedIds(tenant.projectId)).toEqual(["ctor", "good", "proto"]);
  });

  it("stores an offset timestamp as the same instant in UTC", async () => {
    const tenant = await createTenant(db);
    const local = new Date(Date.now() - 3_600_000);
    const shifted = new Date(local.getTime() + 14 * 3_600_000).toISOString().slice(0, 19);
    const res = await postEvents(tenant.ingestKey, {
      events: [usageEvent({ event_id: "east", occurred_at: `${shifted}+14:00` })],
    });
    expect(res.json.accepted).toBe(1);
    const { rows } = await db.pool.query("SELECT occurred_at FROM usage_events WHERE project_id = $1", [
      tenant.projectId,
    ]);
    expect((rows[0].occurred_at as Date).toISOString()).toBe(`${local.toISOString().slice(0, 19)}.000Z`);
  });
});

describe("time budget", () => {
  // The embedded database (WASM, one thread) cannot interrupt a statement: PostgreSQL only.
  it.runIf(testBackend() === "postgres")(
    "stops a query past the statement timeout and answers 503 query_timeout",
    async () => {
      process.env.DATABASE_STATEMENT_TIMEOUT_MS = "1000";
      resetEnvForTests();
      const slow = defineRoute({
        auth: { key: "read" },
        handler: async () => (await getDb().pool.query("SELECT pg_sleep(3)")).rows,
      });
      const tenant = await createTenant(db);
      // A fresh pool (this is the file's last test), so its connections carry the shorter timeout.
      await closeDb();
      try {
        const res = await callRoute(slow, "/api/v1/slow", tenant.readKey);
        expect(res.status).toBe(503);
        expect(res.json.error.code).toBe("query_timeout");
        expect(res.headers.get("retry-after")).toBe("5");
      } finally {
        delete process.env.DATABASE_STATEMENT_TIMEOUT_MS;
        resetEnvForTests();
        await closeDb();
      }
    },
  );
});
