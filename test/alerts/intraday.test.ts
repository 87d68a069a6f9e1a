import { NextRequest } from "next/server";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { POST as cronDetectToday } from "@/app/api/cron/detect-today/route";
import { EnvError, parseEnv, resetEnvForTests } from "@/lib/env";
import { todayIn } from "@/lib/calendar/zone";
import { addDays } from "@/lib/calendar/days";
import { createChannel } from "@/lib/alerts/db/channels";
import { detectAndAlert } from "@/lib/alerts/jobs/detect-and-alert";
import { listAnomalies } from "@/lib/anomalies/db";
import { useTestDatabase } from "../support/database";
import { createMarginTenant, type MarginTenant } from "../margins/db/support";
import { dayAt, ingest, usage } from "../analytics/support";
import { TEST_BASE_URL, useReceivers } from "./receivers";

const db = useTestDatabase();
const BASE_URL = TEST_BASE_URL;
const rx = useReceivers();

const today = () => todayIn("UTC", new Date());
/**
 * When a test's ticks start: now, or 23:40 UTC today if later, so that its ticks (up to 15
 * minutes on) still detect today, the day its events are in, when the suite runs near midnight.
 */
function ticksStart(): Date {
  const now = new Date();
  const latest = new Date(`${today()}T23:40:00.000Z`);
  return now < latest ? now : latest;
}
/** gpt-4o input at $2.50 per million tokens. */
const spend = (customer: string, feature: string, dollars: number, occurredAt: string) =>
  usage({ customer, feature, occurred_at: occurredAt, tokens: { input: Math.round(dollars * 400_000) } });

/** 28 days of history: acme on bot and beta on chat, each about $30 a day. */
async function history(tenant: MarginTenant) {
  const events = [];
  for (let back = 28; back >= 1; back--) {
    const day = addDays(today(), -back);
    events.push(
      spend("acme", "bot", 30 + (back % 3) * 2, dayAt(day)),
      spend("beta", "chat", 30 + (back % 4), dayAt(day)),
    );
  }
  await ingest(db, tenant.projectId, events);
}

const tick = (tenant: MarginTenant, now: Date, pool: pg.Pool = db.pool) =>
  detectAndAlert(pool, { now, intervalMinutes: 5, mail: rx.mail, baseUrl: BASE_URL, orgId: tenant.orgId });
const requestsFor = (path: string) => rx.requests.filter((r) => r.path === path);
const owner = (tenant: MarginTenant) => ({ orgId: tenant.orgId, actorId: tenant.users.owner });
const FIVE_MINUTES = 5 * 60_000;

describe(`intraday detection alerts a spike within one tick (${db.backend ?? "pglite"})`, () => {
  it("ingest a spike, one tick: the incident alert reaches the webhook and the mailbox once; a quiet partial day flags nothing", async () => {
    const tenant = await createMarginTenant(db);
    await createChannel(db.pool, owner(tenant), {
      kind: "webhook",
      name: "Incidents",
      target: rx.url("/incident"),
      budget_alerts: false,
      anomaly_min_severity: "high",
    });
    await createChannel(db.pool, owner(tenant), {
      kind: "email",
      name: "On call",
      target: "oncall@example.test",
      budget_alerts: false,
      anomaly_min_severity: "high",
    });
    await history(tenant);
    // This morning so far: far below a whole day's spend. A partial day is never a drop.
    await ingest(db, tenant.projectId, [
      spend("acme", "bot", 4, dayAt(today(), 0)),
      spend("beta", "chat", 4, dayAt(today(), 0)),
    ]);
    const t0 = ticksStart();
    const quiet = await tick(tenant, t0);
    expect(quiet.detection.map((d) => [d.projectId, d.found])).toEqual([[tenant.projectId, 0]]);
    expect(quiet.alerts.claimed).toEqual([]);

    await ingest(db, tenant.projectId, [spend("acme", "bot", 300, dayAt(today(), 0))]);
    const first = await tick(tenant, new Date(t0.getTime() + FIVE_MINUTES));
    expect(first.detection[0]!.created).toBeGreaterThanOrEqual(2);
    const stored = await listAnomalies(db.pool, tenant.projectId, { from: today() });
    expect(stored.every((a) => a.day === today() && a.metric === "cost" && a.direction === "up" && a.provisional)).toBe(
      true,
    );
    expect(stored.map((a) => a.seriesId)).toContain("cost|customer=acme");
    // One incident (project, customer acme and feature bot are one event): one alert, led by a scoped series.
    expect(first.alerts.claimed).toHaveLength(1);
    const lead = stored.find((a) => first.alerts.claimed[0] === `anomaly:${tenant.projectId}:${a.id}`)!;
    expect(lead.dimension).not.toBeNull();
    expect(["high", "critical"]).toContain(lead.severity);
    expect(first.alerts.delivered).toBe(2);
    const [hook] = requestsFor("/incident").map((r) => JSON.parse(r.body));
    expect(hook).toMatchObject({ schema_version: 1, type: "anomaly.detected", anomaly: { id: lead.id, day: today() } });
    const mail = rx.mails.filter((m) => m.to.includes("oncall@example.test"));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain("anomaly");

    // The same interval again: the run is claimed; the next interval re-detects and changes nothing.
    // The last millisecond of the first tick's interval: later than it, never in the next one
    // (t0 + 5 min + 1 s crossed into the next interval when t0 fell in a slot's last second).
    const sameInterval = Math.floor((t0.getTime() + FIVE_MINUTES) / FIVE_MINUTES) * FIVE_MINUTES + FIVE_MINUTES - 1;
    expect((await tick(tenant, new Date(sameInterval))).detection).toEqual([]);
    const later = await tick(tenant, new Date(t0.getTime() + 2 * FIVE_MINUTES));
    expect(later.detection[0]).toMatchObject({ created: 0, removed: 0 });
    expect(later.alerts.claimed).toEqual([]);
    expect(requestsFor("/incident")).toHaveLength(1);
    expect((await listAnomalies(db.pool, tenant.projectId, { from: today() })).map((a) => a.id).sort()).toEqual(
      stored.map((a) => a.id).sort(),
    );
  });

  it("four schedulers racing on two connection pools detect once and alert once", async () => {
    const tenant = await createMarginTenant(db);
    await createChannel(db.pool, owner(tenant), {
      kind: "webhook",
      name: "Race",
      target: rx.url("/intraday-race"),
      budget_alerts: false,
      anomaly_min_severity: "medium",
    });
    await history(tenant);
    await ingest(db, tenant.projectId, [spend("acme", "bot", 300, dayAt(today(), 0))]);
    const second = new pg.Pool({ connectionString: db.url, max: 4 });
    const now = new Date();
    try {
      const results = await Promise.all([
        tick(tenant, now),
        tick(tenant, now, second),
        tick(tenant, now),
        tick(tenant, now, second),
      ]);
      expect(results.flatMap((r) => r.detection).filter((d) => d.projectId === tenant.projectId)).toHaveLength(1);
      expect(results.flatMap((r) => r.alerts.claimed)).toHaveLength(1);
      expect(results.reduce((n, r) => n + r.alerts.delivered, 0)).toBe(1);
    } finally {
      await second.end();
    }
    expect(requestsFor("/intraday-race")).toHaveLength(1);
    const runs = await db.pool.query("SELECT count(*)::int AS n FROM intraday_detection_runs WHERE project_id = $1", [
      tenant.projectId,
    ]);
    expect(runs.rows[0].n).toBe(1);
  });
});

describe(`an incident that grows during the day (${db.backend ?? "pglite"})`, () => {
  it("reaches, once per new severity, the channels it meets only now; the others are not told again", async () => {
    const tenant = await createMarginTenant(db);
    await createChannel(db.pool, owner(tenant), {
      kind: "webhook",
      name: "Medium",
      target: rx.url("/grow-medium"),
      budget_alerts: false,
      anomaly_min_severity: "medium",
    });
    await createChannel(db.pool, owner(tenant), {
      kind: "webhook",
      name: "Critical",
      target: rx.url("/grow-critical"),
      budget_alerts: false,
      anomaly_min_severity: "critical",
    });
    const { rows } = await db.pool.query(
      `INSERT INTO anomalies (project_id, series_id, metric, dimension, dimension_value, day, kind, direction, expected, actual, band_low, band_high, score, dollar_impact, severity, description, provisional)
       VALUES ($1, 'cost|customer=acme', 'cost', 'customer', 'acme', $2, 'spike', 'up', 30, 60, 20, 40, 9, 30, 'low', 'Cost of customer acme jumped', true) RETURNING id`,
      [tenant.projectId, today()],
    );
    const key = `anomaly:${tenant.projectId}:${rows[0].id}`;
    const grow = (severity: string) =>
      db.pool.query("UPDATE anomalies SET severity = $2 WHERE id = $1", [rows[0].id, severity]);
    const run = () =>
      detectAndAlert(db.pool, {
        now: new Date(),
        intervalMinutes: 5,
        mail: rx.mail,
        baseUrl: BASE_URL,
        orgId: tenant.orgId,
      });
    expect((await run()).alerts.claimed).toEqual([]); // low: no channel wants it yet, nothing claimed
    await grow("medium");
    expect((await run()).alerts.claimed).toEqual([key]);
    await grow("high");
    expect((await run()).alerts.claimed).toEqual([]); // high: claimed, but no channel newly takes it
    await grow("critical");
    expect((await run()).alerts.claimed).toEqual([`${key}:critical`]);
    expect((await run()).alerts.claimed).toEqual([]);
    const bodies = (path: string) =>
      requestsFor(path).map((r) => JSON.parse(r.body) as { id: string; anomaly: { severity: string } });
    expect(bodies("/grow-medium").map((b) => [b.id, b.anomaly.severity])).toEqual([[key, "medium"]]);
    expect(bodies("/grow-critical").map((b) => [b.id, b.anomaly.severity])).toEqual([[`${key}:critical`, "critical"]]);
  });
});

describe("the intraday cadence and its cron endpoint", () => {
  it("ANOMALY_DETECTION_INTERVAL_MINUTES is a whole number of minutes from 1 to 60, default 5", () => {
    expect(parseEnv({}).ANOMALY_DETECTION_INTERVAL_MINUTES).toBe(5);
    expect(parseEnv({ ANOMALY_DETECTION_INTERVAL_MINUTES: "15" }).ANOMALY_DETECTION_INTERVAL_MINUTES).toBe(15);
    for (const [value, reason] of [
      ["0", "at least 1"],
      ["61", "at most 60"],
      ["2.5", "a whole number of minutes"],
      ["soon", "ANOMALY_DETECTION_INTERVAL_MINUTES"],
    ]) {
      expect(() => parseEnv({ ANOMALY_DETECTION_INTERVAL_MINUTES: value })).toThrow(EnvError);
      expect(() => parseEnv({ ANOMALY_DETECTION_INTERVAL_MINUTES: value })).toThrow(reason);
    }
  });

  it("POST /api/cron/detect-today needs the cron secret, detects today and alerts in one call", async () => {
    const call = (secret: string) =>
      cronDetectToday(
        new NextRequest("http://localhost/api/cron/detect-today", {
          method: "POST",
          headers: { "x-cron-secret": secret },
        }),
      );
    process.env.CRON_SECRET = "right-secret-0123456789";
    resetEnvForTests();
    try {
      expect((await call("wrong-secret-0123456789")).status).toBe(401);
      const tenant = await createMarginTenant(db);
      await createChannel(db.pool, owner(tenant), {
        kind: "webhook",
        name: "Cron",
        target: rx.url("/intraday-cron"),
        budget_alerts: false,
        anomaly_min_severity: "high",
      });
      await history(tenant);
      await ingest(db, tenant.projectId, [spend("acme", "bot", 300, dayAt(today(), 0))]);
      const ok = await call("right-secret-0123456789");
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as {
        projects: number;
        created: number;
        alerts_claimed: number;
        delivered: number;
      };
      expect(body.created).toBeGreaterThanOrEqual(2);
      expect(body.alerts_claimed).toBeGreaterThanOrEqual(1);
      expect(rx.requests.filter((r) => r.path === "/intraday-cron")).toHaveLength(1);
    } finally {
      delete process.env.CRON_SECRET;
      resetEnvForTests();
    }
  });
});
