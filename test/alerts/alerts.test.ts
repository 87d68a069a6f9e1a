import pg from "pg";
import { describe, expect, it } from "vitest";
import { todayIn } from "@/lib/calendar/zone";
import { addDays } from "@/lib/calendar/days";
import { createBudget, updateBudget } from "@/lib/budgets/db/store";
import { createChannel, deliveryLog, updateChannel } from "@/lib/alerts/db/channels";
import { runAlerts } from "@/lib/alerts/jobs/run";
import { sendTest } from "@/lib/alerts/jobs/send-test";
import { REPLAY_WINDOW_SECONDS, SIGNATURE_HEADER, verifySignature } from "@/lib/alerts/senders/webhook";
import { useTestDatabase } from "../support/database";
import { createMarginTenant, type MarginTenant } from "../margins/db/support";
import { ingest, usage } from "../analytics/support";
import { blockKitProblems, TEST_BASE_URL, useReceivers } from "./receivers";

const db = useTestDatabase();
const BASE_URL = TEST_BASE_URL;
const rx = useReceivers();

const today = () => todayIn("UTC", new Date());
/** A budget on customer acme × feature bot, $10 over a window around today, actual thresholds only. */
async function acmeBudget(tenant: MarginTenant, extra: Record<string, unknown> = {}) {
  return createBudget(
    db.pool,
    { orgId: tenant.orgId, projectId: tenant.projectId, actorId: tenant.users.finance },
    {
      name: "Acme bot",
      period: "custom",
      from: addDays(today(), -1),
      to: addDays(today(), 5),
      amount: "10",
      scope: { customer: "acme", feature: "bot" },
      forecast_thresholds: [],
      ...extra,
    },
  );
}
/** gpt-4o input at $2.50 per million tokens. */
const spend = (tenant: MarginTenant, dollars: number) =>
  ingest(db, tenant.projectId, [
    usage({ customer: "acme", feature: "bot", tokens: { input: Math.round(dollars * 400_000) } }),
  ]);
const owner = (tenant: MarginTenant) => ({ orgId: tenant.orgId, actorId: tenant.users.owner });
const run = (tenant: MarginTenant, now = new Date(), pool: pg.Pool = db.pool) =>
  runAlerts(pool, { now, mail: rx.mail, baseUrl: BASE_URL, orgId: tenant.orgId });
const requestsFor = (path: string) => rx.requests.filter((r) => r.path === path);

describe(`budget alerts through real receivers (${db.backend ?? "pglite"})`, () => {
  it("a threshold crossed by an ingested batch alerts within one tick: signed webhook, Slack Block Kit, email; once", async () => {
    const tenant = await createMarginTenant(db);
    const hook = await createChannel(db.pool, owner(tenant), {
      kind: "webhook",
      name: "Ops hook",
      target: rx.url("/hook-1"),
    });
    await createChannel(db.pool, owner(tenant), { kind: "slack", name: "#spend", target: rx.url("/slack-1") });
    await createChannel(db.pool, owner(tenant), {
      kind: "email",
      name: "Finance",
      target: "finance-alerts@example.test",
    });
    const budget = await acmeBudget(tenant);
    expect((await run(tenant)).claimed).toEqual([]);

    await spend(tenant, 8.5); // 85%: crosses 50 and 80 at once
    const tick = await run(tenant);
    const from = addDays(today(), -1);
    expect(tick.claimed).toEqual([`budget:${budget.id}:${from}:actual:80`]);
    expect(tick.delivered).toBe(3);

    const [request] = requestsFor("/hook-1");
    const now = Math.floor(Date.now() / 1000);
    expect(
      verifySignature(
        hook.signing_secret!,
        request!.headers[SIGNATURE_HEADER.toLowerCase()] as string,
        request!.body,
        now,
      ),
    ).toMatchObject({ ok: true });
    expect(
      verifySignature("whsec_wrong", request!.headers[SIGNATURE_HEADER.toLowerCase()] as string, request!.body, now),
    ).toEqual({ ok: false, reason: "signature mismatch" });
    expect(
      verifySignature(
        hook.signing_secret!,
        request!.headers[SIGNATURE_HEADER.toLowerCase()] as string,
        request!.body,
        now + REPLAY_WINDOW_SECONDS + 5,
      ),
    ).toEqual({ ok: false, reason: "timestamp outside the replay window" });
    expect(
      verifySignature(
        hook.signing_secret!,
        request!.headers[SIGNATURE_HEADER.toLowerCase()] as string,
        request!.body.replace("8.5", "0.5"),
        now,
      ).ok,
    ).toBe(false);
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({
      schema_version: 1,
      id: `budget:${budget.id}:${from}:actual:80`,
      type: "budget.threshold_crossed",
      budget: {
        id: budget.id,
        amount: "10.00",
        spent: "8.50",
        threshold: 80,
        scope: { customer: "acme", feature: "bot" },
      },
    });
    expect(body.url).toBe(
      `${BASE_URL}/o/${encodeURIComponent((await db.prisma.organization.findUniqueOrThrow({ where: { id: tenant.orgId } })).slug)}/p/main/budgets?budget=${budget.id}`,
    );
    expect(request!.headers["inferledger-event"]).toBe("budget.threshold_crossed");

    const slack = JSON.parse(requestsFor("/slack-1")[0]!.body);
    expect(blockKitProblems(slack)).toEqual([]);
    expect(slack.blocks.map((block: { type: string }) => block.type)).toEqual([
      "section",
      "section",
      "context",
      "actions",
    ]);
    expect(slack.blocks[0].text.text).toContain("reached 80%");
    expect(slack.blocks[3].elements[0].url).toBe(body.url);

    const mail = rx.mails.find((m) => m.to.includes("finance-alerts@example.test"))!;
    expect(mail.subject).toBe("[InferLedger] Budget “Acme bot” reached 80% ($8.50 of $10.00)");
    expect(mail.text).toContain(body.url);

    // The next tick finds everything claimed: nothing goes out twice.
    const again = await run(tenant);
    expect([again.claimed, again.delivered]).toEqual([[], 0]);
    expect(requestsFor("/hook-1")).toHaveLength(1);

    await spend(tenant, 2); // 105%
    expect((await run(tenant)).claimed).toEqual([`budget:${budget.id}:${from}:actual:100`]);
    expect(requestsFor("/hook-1")).toHaveLength(2);
    const log = await deliveryLog(db.pool, tenant.orgId, hook.channel.id);
    expect(log.map((entry) => [entry.ok, entry.status_code, entry.attempt])).toEqual([
      [true, 200, 1],
      [true, 200, 1],
    ]);
  });

  it("two schedulers racing on two connection pools send one alert", async () => {
    const tenant = await createMarginTenant(db);
    await createChannel(db.pool, owner(tenant), { kind: "webhook", name: "Race", target: rx.url("/race") });
    await acmeBudget(tenant);
    await spend(tenant, 9);
    const second = new pg.Pool({ connectionString: db.url, max: 4 });
    try {
      const results = await Promise.all([
        run(tenant, new Date(), db.pool),
        run(tenant, new Date(), second),
        run(tenant, new Date(), db.pool),
        run(tenant, new Date(), second),
      ]);
      expect(results.flatMap((r) => r.claimed)).toHaveLength(1);
      expect(results.reduce((n, r) => n + r.delivered, 0)).toBe(1);
    } finally {
      await second.end();
    }
    expect(requestsFor("/race")).toHaveLength(1);
    const { rows } = await db.pool.query("SELECT status, attempts FROM alert_deliveries WHERE org_id = $1", [
      tenant.orgId,
    ]);
    expect(rows).toEqual([{ status: "delivered", attempts: 1 }]);
  });

  it("a failing webhook is retried with backoff, disabled after 5 failures in a row, the owner emailed; send test turns it back on", async () => {
    const tenant = await createMarginTenant(db);
    const hook = await createChannel(db.pool, owner(tenant), {
      kind: "webhook",
      name: "Flaky",
      target: rx.url("/fail-1"),
    });
    await acmeBudget(tenant);
    await spend(tenant, 6);
    const t0 = Date.now();
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    expect((await run(tenant, at(0))).failed).toBe(1);
    expect((await run(tenant, at(30))).failed).toBe(0); // backoff: 60 s before the second attempt
    expect((await run(tenant, at(61))).failed).toBe(1);
    expect((await run(tenant, at(61 + 241))).failed).toBe(1);
    expect((await run(tenant, at(61 + 241 + 961))).failed).toBe(1);
    const fifth = await run(tenant, at(61 + 241 + 961 + 3841));
    expect([fifth.failed, fifth.disabledChannels]).toEqual([1, [hook.channel.id]]);
    expect(requestsFor("/fail-1")).toHaveLength(5);
    const log = await deliveryLog(db.pool, tenant.orgId, hook.channel.id);
    expect(log.map((entry) => entry.status_code)).toEqual([500, 500, 500, 500, 500]);
    expect(log[0]!.error).toContain("receiver down");
    const { rows } = await db.pool.query("SELECT status, attempts FROM alert_deliveries WHERE org_id = $1", [
      tenant.orgId,
    ]);
    expect(rows).toEqual([{ status: "abandoned", attempts: 5 }]);
    const ownerEmail = (await db.prisma.user.findUniqueOrThrow({ where: { id: tenant.users.owner } })).email;
    const told = rx.mails.filter((m) => m.to.includes(ownerEmail));
    expect(told.map((m) => m.subject)).toEqual(["[InferLedger] Alert channel “Flaky” was disabled"]);

    await updateChannel(db.pool, owner(tenant), hook.channel.id, { target: rx.url("/hook-fixed") });
    const result = await sendTest(db.pool, tenant.orgId, hook.channel.id, { mail: rx.mail, baseUrl: BASE_URL });
    expect(result).toMatchObject({ ok: true, status_code: 200 });
    const test = requestsFor("/hook-fixed")[0]!;
    expect(JSON.parse(test.body)).toMatchObject({ schema_version: 1, type: "test" });
    const channel = await db.pool.query("SELECT disabled_at, consecutive_failures FROM alert_channels WHERE id = $1", [
      hook.channel.id,
    ]);
    expect(channel.rows[0]).toEqual({ disabled_at: null, consecutive_failures: 0 });
  });

  it("muted budgets and muted channels send nothing; anomalies alert at or above the channel's severity", async () => {
    const tenant = await createMarginTenant(db);
    const quiet = await createChannel(db.pool, owner(tenant), {
      kind: "webhook",
      name: "Quiet",
      target: rx.url("/quiet"),
      muted: true,
    });
    await createChannel(db.pool, owner(tenant), {
      kind: "webhook",
      name: "Loud",
      target: rx.url("/loud"),
      anomaly_min_severity: "high",
    });
    const budget = await acmeBudget(tenant, { muted: true });
    await spend(tenant, 9);
    expect((await run(tenant)).claimed).toEqual([]);
    await updateBudget(db.pool, { orgId: tenant.orgId, projectId: tenant.projectId, actorId: null }, budget.id, {
      muted: false,
    });
    expect((await run(tenant)).delivered).toBe(1);
    expect(requestsFor("/quiet")).toHaveLength(0);

    const insert = (severity: string, series: string) =>
      db.pool.query(
        `INSERT INTO anomalies (project_id, series_id, metric, dimension, dimension_value, day, kind, direction, expected, actual, band_low, band_high, score, dollar_impact, severity, description)
         VALUES ($1, $2, 'cost', 'feature', 'bot', $3, 'spike', 'up', 10, 80, 5, 15, 9, 70, $4, 'Cost of feature bot jumped to $80 (expected $10)') RETURNING id`,
        [tenant.projectId, series, addDays(today(), -1), severity],
      );
    const high = (await insert("high", "cost:feature:bot")).rows[0].id;
    await insert("low", "cost:feature:other");
    const tick = await run(tenant);
    expect(tick.claimed).toEqual([`anomaly:${tenant.projectId}:${high}`]);
    const loud = requestsFor("/loud").map((r) => JSON.parse(r.body));
    expect(loud.map((m) => m.type)).toEqual(["budget.threshold_crossed", "anomaly.detected"]);
    expect(loud[1]).toMatchObject({ anomaly: { id: high, severity: "high", dollar_impact: "70.000000000000000" } });
    expect((await run(tenant)).claimed).toEqual([]);
    expect(await deliveryLog(db.pool, tenant.orgId, quiet.channel.id)).toEqual([]);
    // An anomaly detected before the channel existed is not sent to it: a new channel gets no backlog.
    const old = (await insert("critical", "cost:feature:older")).rows[0].id;
    await db.pool.query("UPDATE anomalies SET detected_at = now() - interval '1 hour' WHERE id = $1", [old]);
    expect((await run(tenant)).claimed).toEqual([]);
  });

  it("a budget whose period is over does not alert, however far past its amount", async () => {
    const tenant = await createMarginTenant(db);
    await createChannel(db.pool, owner(tenant), { kind: "webhook", name: "Past", target: rx.url("/past") });
    await ingest(db, tenant.projectId, [
      usage({
        occurred_at: `${addDays(today(), -7)}T12:00:00Z`,
        customer: "acme",
        feature: "bot",
        tokens: { input: 8_000_000 },
      }),
    ]);
    await acmeBudget(tenant, { from: addDays(today(), -10), to: addDays(today(), -5) });
    expect((await run(tenant)).claimed).toEqual([]);
    expect(requestsFor("/past")).toHaveLength(0);
  });
});
