import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectProject } from "@/lib/anomalies/db";
import { getSubscription } from "@/lib/digest/db/subscriptions";
import { smtpTransport, type MailTransport } from "@/lib/mail/transport";
import { sendDigests } from "@/lib/digest/jobs/send";
import { resetEnvForTests } from "@/lib/env";
import { formatUsd, usdToFemto } from "@/lib/money";
import { POST as oneClick } from "@/app/unsubscribe/one-click/route";
import { POST as cronDigest } from "@/app/api/cron/digest/route";
import { useTestDatabase } from "../support/database";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp";
import { ingestPlanted, NOW, PLANTED } from "../anomalies/planted";
import { parseMail, type ParsedMail } from "./mime";

const db = useTestDatabase();
const BASE_URL = "https://app.inferledger.test";
const SECRET = randomBytes(32);
const WEEK = { key: "2026-W47", first: "2026-11-16", last: "2026-11-22" };

let server: TestSmtpServer;
let received: TestSmtpServer["received"];
let smtp: MailTransport;
let orgId = "";
let orgSlug = "";
const users: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestSmtpServer();
  received = server.received;
  smtp = smtpTransport(server.url, "InferLedger <digest@inferledger.test>");

  orgSlug = `digest-${Date.now()}`;
  const org = await db.prisma.organization.create({ data: { name: "Acme Corp", slug: orgSlug, timezone: "UTC" } });
  orgId = org.id;
  const project = await db.prisma.project.create({ data: { orgId, name: "Support AI", slug: "main" } });
  for (const role of ["owner", "finance", "engineer", "viewer"] as const) {
    const user = await db.prisma.user.create({
      data: { email: `${role}-${orgSlug}@example.test`, name: role[0]!.toUpperCase() + role.slice(1) },
    });
    await db.prisma.membership.create({ data: { orgId, userId: user.id, role } });
    users[role] = user.id;
  }
  await ingestPlanted(db.pool, project.id);
  await detectProject(db.pool, project.id, { now: NOW, trigger: "cli" });
});

afterAll(() => server.close());

const send = (transport: MailTransport = smtp, orgFilter = orgId) =>
  sendDigests(db.pool, { now: NOW, transport, baseUrl: BASE_URL, secret: SECRET, orgId: orgFilter });
const mailTo = (email: string): ParsedMail => parseMail(received.find((m) => m.to.includes(email))!.raw);

describe("the weekly digest over a real SMTP server", () => {
  it("two schedulers firing at once send exactly one email per subscribed member", async () => {
    const [a, b] = await Promise.all([send(), send()]);
    const sent = [...a, ...b].filter((o) => o.status === "sent");
    expect(sent.map((o) => o.userId).sort()).toEqual([users.owner, users.finance].sort());
    expect(received.map((m) => m.to[0]).sort()).toEqual([
      `finance-${orgSlug}@example.test`,
      `owner-${orgSlug}@example.test`,
    ]);
    expect(sent.every((o) => o.weekKey === WEEK.key)).toBe(true);
    // A later tick finds the week claimed: nothing more goes out.
    expect((await send()).filter((o) => o.status === "sent")).toEqual([]);
    expect(received).toHaveLength(2);
    const { rows } = await db.pool.query(
      "SELECT status, attempts, transport FROM digest_deliveries WHERE org_id = $1",
      [orgId],
    );
    expect(rows).toEqual([
      { status: "sent", attempts: 1, transport: "smtp" },
      { status: "sent", attempts: 1, transport: "smtp" },
    ]);
  });

  it("carries the week's sections and the numbers of the database in both parts", async () => {
    const mail = mailTo(`owner-${orgSlug}@example.test`);
    const { rows } = await db.pool.query<{ this_week: string; last_week: string }>(
      `SELECT sum(cost_total) FILTER (WHERE day >= $2::date)::text AS this_week, sum(cost_total) FILTER (WHERE day < $2::date)::text AS last_week
         FROM usage_daily WHERE project_id = (SELECT id FROM projects WHERE org_id = $1) AND day BETWEEN $2::date - 7 AND $3::date`,
      [orgId, WEEK.first, WEEK.last],
    );
    const thisWeek = formatUsd(usdToFemto(rows[0]!.this_week));
    const lastWeek = formatUsd(usdToFemto(rows[0]!.last_week));
    console.log(`\nsubject: ${mail.subject}\n${mail.text}`);
    expect(mail.subject).toContain(`Support AI: ${thisWeek} AI spend`);
    expect(mail.subject).toContain("16–22 November 2026");
    // Seven series moved with the one planted event (search prompts on gpt-4o): one incident, named once.
    expect(mail.subject).toContain("1 anomaly");
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain(thisWeek);
      expect(part).toContain(lastWeek);
      for (const heading of [
        "Top movers by feature",
        "Top movers by customer",
        "New anomalies",
        "Models without a price",
        "November forecast",
      ])
        expect(part).toContain(heading);
      expect(part).toContain(`${PLANTED.unpriced.provider} / ${PLANTED.unpriced.model}`);
      expect(part).toContain("Cost of model “gpt-4o” spiked to $51.12 on Fri 20 Nov");
      expect(part).not.toContain("Cost of feature “search” spiked");
      expect(part).toContain(`${BASE_URL}/o/${orgSlug}/p/main/anomalies?anomaly=`);
    }
    // The spike of week 46 is not news in week 47.
    expect(mail.text).not.toContain("Sun 15 Nov");
    expect(mail.html).not.toMatch(/<img|<script|<link/);
    expect(mail.headers.get("list-unsubscribe")).toMatch(
      new RegExp(`^<${BASE_URL}/unsubscribe/one-click\\?token=v1\\.`),
    );
    expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain(`Unsubscribe: ${BASE_URL}/unsubscribe?token=v1.`);
  });

  it("records a failed send and retries it after the backoff, then never again", async () => {
    const org = await db.prisma.organization.create({
      data: { name: "Retry Co", slug: `retry-${Date.now()}`, timezone: "UTC" },
    });
    await db.prisma.project.create({ data: { orgId: org.id, name: "P", slug: "p" } });
    const user = await db.prisma.user.create({ data: { email: `retry-${org.slug}@example.test` } });
    await db.prisma.membership.create({ data: { orgId: org.id, userId: user.id, role: "owner" } });
    const broken: MailTransport = { send: async () => Promise.reject(new Error("421 try again later")) };

    expect((await send(broken, org.id)).map((o) => o.status)).toEqual(["failed"]);
    const row = async () =>
      (
        await db.pool.query(
          "SELECT status, attempts, last_error, next_attempt_at > now() AS waiting FROM digest_deliveries WHERE org_id = $1",
          [org.id],
        )
      ).rows[0];
    expect(await row()).toEqual({ status: "failed", attempts: 1, last_error: "421 try again later", waiting: true });
    // Inside the backoff nothing is attempted.
    expect((await send(smtp, org.id)).map((o) => o.status)).toEqual(["skipped"]);
    await db.pool.query(
      "UPDATE digest_deliveries SET next_attempt_at = now() - interval '1 second' WHERE org_id = $1",
      [org.id],
    );
    const before = received.length;
    expect((await send(smtp, org.id)).map((o) => o.status)).toEqual(["sent"]);
    expect(received.length).toBe(before + 1);
    expect(await row()).toMatchObject({ status: "sent", attempts: 2, last_error: null });
    expect((await send(smtp, org.id)).map((o) => o.status)).toEqual(["skipped"]);
  });
});

describe("one-click unsubscribe", () => {
  const click = (token: string) =>
    oneClick(
      new NextRequest(`${BASE_URL}/unsubscribe/one-click?token=${encodeURIComponent(token)}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
    );

  it("refuses a tampered token and unsubscribes with the genuine one", async () => {
    process.env.AUTH_SECRET = "x".repeat(40);
    resetEnvForTests();
    const { unsubscribeSecret } = await import("@/lib/digest/secret");
    const { signUnsubscribeToken } = await import("@/lib/digest/unsubscribe");
    const token = signUnsubscribeToken(
      { userId: users.finance!, orgId, purpose: "weekly_digest" },
      unsubscribeSecret(),
    );
    const [v, payload, mac] = token.split(".") as [string, string, string];
    const otherUser = Buffer.from(JSON.stringify([users.owner, orgId, "weekly_digest"])).toString("base64url");
    for (const forged of [`${v}.${otherUser}.${mac}`, `${v}.${payload}.${mac.slice(0, -2)}AA`, "v1.x.y", ""]) {
      const res = await click(forged);
      expect(res.status).toBe(400);
    }
    expect((await getSubscription(db.pool, orgId, users.owner!))?.enabled).toBe(true);
    expect((await getSubscription(db.pool, orgId, users.finance!))?.enabled).toBe(true);

    const res = await click(token);
    expect(res.status).toBe(200);
    expect(await getSubscription(db.pool, orgId, users.finance!)).toMatchObject({ enabled: false, explicit: true });
    expect((await getSubscription(db.pool, orgId, users.owner!))?.enabled).toBe(true);
  });

  it("the link in a received email is signed with the app's key", async () => {
    // The emails above were signed with the test's own key; a link signed with another key is refused.
    const link = mailTo(`owner-${orgSlug}@example.test`).headers.get("list-unsubscribe")!.slice(1, -1);
    const res = await click(new URL(link).searchParams.get("token")!);
    expect(res.status).toBe(400);
  });
});

describe("the cron endpoint", () => {
  const call = (secret?: string) =>
    cronDigest(
      new NextRequest("http://localhost/api/cron/digest", {
        method: "POST",
        headers: secret ? { "x-cron-secret": secret } : {},
      }),
    );

  it("does not exist without CRON_SECRET and refuses a wrong or missing secret", async () => {
    delete process.env.CRON_SECRET;
    resetEnvForTests();
    expect((await call("anything-at-all-123")).status).toBe(404);
    process.env.CRON_SECRET = "right-secret-0123456789";
    resetEnvForTests();
    expect((await call()).status).toBe(401);
    expect((await call("wrong-secret-0123456789")).status).toBe(401);
    expect((await call("right-secret-012345678")).status).toBe(401);
    const ok = await call("right-secret-0123456789");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ failed: 0 });
  });
});
