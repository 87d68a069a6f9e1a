import { beforeAll, describe, expect, it } from "vitest";
import { GET as getPreference, PUT as putPreference } from "@/app/api/v1/alert-preferences/route";
import { GET as listChannels } from "@/app/api/v1/alert-channels/route";
import { PATCH as patchChannel } from "@/app/api/v1/alert-channels/[id]/route";
import { PATCH as patchAnomaly } from "@/app/api/v1/anomalies/[id]/route";
import { todayIn } from "@/lib/calendar/zone";
import { addDays } from "@/lib/calendar/days";
import { createChannel } from "@/lib/alerts/db/channels";
import { listAudit } from "@/lib/audit/trail";
import { runAlerts } from "@/lib/alerts/jobs/run";
import { createBudget } from "@/lib/budgets/db/store";
import { getAnomaly } from "@/lib/anomalies/db";
import { resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../support/database";
import { call, createMarginTenant, SECRET, type MarginTenant } from "../margins/db/support";
import { ingest, usage } from "../analytics/support";
import { TEST_BASE_URL, useReceivers } from "./receivers";

const db = useTestDatabase();
const rx = useReceivers();
let a: MarginTenant;
let b: MarginTenant;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  [a, b] = [await createMarginTenant(db), await createMarginTenant(db)];
});

const path = (tenant: MarginTenant) => `/api/v1/alert-preferences?project=${tenant.projectId}`;
const put = (tenant: MarginTenant, userId: string, json: unknown) =>
  call(putPreference, path(tenant), { as: userId, method: "PUT", json });
const emailOf = async (userId: string) => (await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).email;
const today = () => todayIn("UTC", new Date());
const run = (tenant: MarginTenant) =>
  runAlerts(db.pool, { now: new Date(), mail: rx.mail, baseUrl: TEST_BASE_URL, orgId: tenant.orgId });
const mailsTo = (address: string) => rx.mails.filter((m) => m.to.includes(address));

describe(`per-member alert preferences (${db.backend ?? "pglite"})`, () => {
  it("every member reads and sets their own, starting from nothing; changes are audited", async () => {
    const viewer = a.users.viewer;
    const initial = await call(getPreference, path(a), { as: viewer });
    expect(initial.json.preference).toEqual({
      email: await emailOf(viewer),
      budget_alerts: false,
      anomaly_min_severity: null,
      disabled_reason: null,
    });
    const saved = await put(a, viewer, { budget_alerts: true, anomaly_min_severity: "high" });
    expect([saved.status, saved.json.preference]).toEqual([
      200,
      { email: await emailOf(viewer), budget_alerts: true, anomaly_min_severity: "high", disabled_reason: null },
    ]);
    expect((await put(a, viewer, { budget_alerts: false, anomaly_min_severity: null })).json.preference).toMatchObject({
      budget_alerts: false,
      anomaly_min_severity: null,
    });
    // The engineer's preference is their own: the viewer's is untouched.
    await put(a, a.users.engineer, { budget_alerts: true, anomaly_min_severity: "critical" });
    expect((await call(getPreference, path(a), { as: viewer })).json.preference).toMatchObject({
      budget_alerts: false,
      anomaly_min_severity: null,
    });
    const { rows } = await db.pool.query("SELECT id FROM alert_channels WHERE org_id = $1 AND user_id = $2", [
      a.orgId,
      viewer,
    ]);
    const audit = await listAudit(db.pool, a.orgId, rows[0].id);
    expect(audit.map((entry) => [entry.action, entry.actor?.id])).toEqual([
      ["update", viewer],
      ["create", viewer],
    ]);
  });

  it.each([
    [{ budget_alerts: "yes", anomaly_min_severity: null }, "budget_alerts"],
    [{ budget_alerts: true, anomaly_min_severity: "severe" }, "anomaly_min_severity"],
    [{ budget_alerts: true }, "anomaly_min_severity"],
    [{ budget_alerts: true, anomaly_min_severity: null, email: "other@example.test" }, "email"],
  ])("%j is a 400 naming %s and changes nothing", async (body, field) => {
    const res = await put(a, a.users.finance, body);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain(field);
    expect((await call(getPreference, path(a), { as: a.users.finance })).json.preference).toMatchObject({
      budget_alerts: false,
      anomaly_min_severity: null,
    });
  });

  it("a member of another organisation can neither read nor change them; keys cannot; admins never see them as channels", async () => {
    await put(a, a.users.admin, { budget_alerts: true, anomaly_min_severity: "low" });
    // Another organisation's project is not found for them (its existence is not confirmed either).
    expect((await call(getPreference, path(a), { as: b.users.owner })).status).toBe(404);
    expect((await put(a, b.users.owner, { budget_alerts: true, anomaly_min_severity: "low" })).status).toBe(404);
    expect((await call(getPreference, path(a), { as: a.users.admin })).json.preference).toMatchObject({
      budget_alerts: true,
      anomaly_min_severity: "low",
    });
    expect((await call(getPreference, path(a), { key: a.readKey })).status).toBe(401);
    const listed = await call(listChannels, `/api/v1/alert-channels?project=${a.projectId}`, { as: a.users.owner });
    expect(listed.json.channels).toEqual([]);
    const { rows } = await db.pool.query("SELECT id FROM alert_channels WHERE org_id = $1 AND user_id = $2", [
      a.orgId,
      a.users.admin,
    ]);
    const patched = await call(patchChannel, `/api/v1/alert-channels/x?project=${a.projectId}`, {
      as: a.users.owner,
      method: "PATCH",
      json: { muted: true },
      params: { id: rows[0].id },
    });
    expect(patched.status).toBe(404);
  });

  it("budget alerts reach the members who asked for them by email, and stop when a member leaves", async () => {
    const t = await createMarginTenant(db);
    await put(t, t.users.viewer, { budget_alerts: true, anomaly_min_severity: null });
    await put(t, t.users.engineer, { budget_alerts: false, anomaly_min_severity: "high" });
    await createBudget(
      db.pool,
      { orgId: t.orgId, projectId: t.projectId, actorId: t.users.finance },
      {
        name: "Acme",
        period: "custom",
        from: addDays(today(), -1),
        to: addDays(today(), 5),
        amount: "10",
        scope: { customer: "acme" },
        forecast_thresholds: [],
      },
    );
    await ingest(db, t.projectId, [usage({ customer: "acme", tokens: { input: 2_200_000 } })]); // $5.50: 50%
    expect((await run(t)).delivered).toBe(1);
    expect(mailsTo(await emailOf(t.users.viewer)).map((m) => m.subject)).toEqual([
      "[InferLedger] Budget “Acme” reached 50% ($5.50 of $10.00)",
    ]);
    expect(mailsTo(await emailOf(t.users.engineer))).toEqual([]);

    await db.prisma.membership.delete({ where: { orgId_userId: { orgId: t.orgId, userId: t.users.viewer } } });
    await ingest(db, t.projectId, [usage({ customer: "acme", tokens: { input: 1_400_000 } })]); // $9.00: 90%
    const after = await run(t);
    expect([after.claimed, after.delivered]).toEqual([[], 0]);
    expect(mailsTo(await emailOf(t.users.viewer))).toHaveLength(1);
  });

  it("muting any anomaly of an incident mutes the incident, recording who and when", async () => {
    const t = await createMarginTenant(db);
    await createChannel(
      db.pool,
      { orgId: t.orgId, actorId: t.users.owner },
      { kind: "webhook", name: "Hook", target: rx.url("/muted-incident"), anomaly_min_severity: "low" },
    );
    const insert = async (dimension: string | null, value: string | null, causes: unknown[]) =>
      (
        await db.pool.query(
          `INSERT INTO anomalies (project_id, series_id, metric, dimension, dimension_value, day, kind, direction, expected, actual, band_low, band_high, score, dollar_impact, severity, description, root_causes)
           VALUES ($1, $2, 'cost', $3, $4, $5, 'spike', 'up', 10, 80, 5, 15, 9, 70, 'high', 'Cost jumped', $6) RETURNING id`,
          [
            t.projectId,
            `cost${dimension ? `|${dimension}=${value}` : ""}`,
            dimension,
            value,
            today(),
            JSON.stringify(causes),
          ],
        )
      ).rows[0].id as string;
    const customer = await insert("customer", "acme", []);
    await insert(null, null, [{ dimension: "customer", value: "acme", share: 0.9 }]);
    const muted = await call(patchAnomaly, `/api/v1/anomalies/x?project=${t.projectId}`, {
      as: t.users.engineer,
      method: "PATCH",
      json: { status: "muted" },
      params: { id: customer },
    });
    expect(muted.status).toBe(200);
    const stored = await getAnomaly(db.pool, t.projectId, customer);
    expect(stored).toMatchObject({ status: "muted", statusChangedBy: await emailOf(t.users.engineer) });
    expect(Date.now() - Date.parse(stored!.statusChangedAt!)).toBeLessThan(60_000);
    expect((await run(t)).claimed).toEqual([]);
    expect(rx.requests.filter((r) => r.path === "/muted-incident")).toEqual([]);
    // Reopened, the incident alerts once.
    await call(patchAnomaly, `/api/v1/anomalies/x?project=${t.projectId}`, {
      as: t.users.engineer,
      method: "PATCH",
      json: { status: "open" },
      params: { id: customer },
    });
    expect((await run(t)).claimed).toHaveLength(1);
    expect(rx.requests.filter((r) => r.path === "/muted-incident")).toHaveLength(1);
  });
});
