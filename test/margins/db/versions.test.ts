import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import * as margins from "@/app/api/v1/margins/route";
import * as plans from "@/app/api/v1/plans/route";
import * as plan from "@/app/api/v1/plans/[id]/route";
import * as versions from "@/app/api/v1/plans/[id]/versions/route";
import * as assignments from "@/app/api/v1/plans/assignments/route";
import * as closedMonths from "@/app/api/v1/margins/closed-months/route";
import * as importRoute from "@/app/api/v1/revenue/import/route";
import { todayIn } from "@/lib/calendar/zone";
import { addDays } from "@/lib/calendar/days";
import { lastDayOf } from "@/lib/calendar/months";
import { nextBillingPeriodStart } from "@/lib/margins/plan-versions";
import { useTestDatabase } from "../../support/database";
import { call, createMarginTenant, insertUsage, SECRET, type MarginTenant } from "./support";

const db = useTestDatabase();
let t: MarginTenant;
const today = todayIn("UTC");
const thisMonth = today.slice(0, 7);
const nextStart = nextBillingPeriodStart(today);
const lastMonth = addDays(`${thisMonth}-01`, -1).slice(0, 7);
const twoMonthsAgo = addDays(`${lastMonth}-01`, -1).slice(0, 7);
const markup = (percent: string) => ({
  id: "cost-plus",
  name: `Cost plus ${percent}%`,
  type: "usage",
  pricing: { basis: "markup", markup_percent: percent },
});

async function revenue(from: string, to: string): Promise<string> {
  const res = await call(margins.GET, `/api/v1/margins?from=${from}&to=${to}`, { key: t.readKey });
  expect(res.status).toBe(200);
  return res.json.totals.revenue;
}

async function edit(percent: string, query = "") {
  return call(plan.PUT, `/api/v1/plans/cost-plus?project=${t.projectId}${query}`, {
    as: t.users.finance,
    method: "PUT",
    json: markup(percent),
    params: { id: "cost-plus" },
  });
}

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  t = await createMarginTenant(db);
  await insertUsage(db, t.projectId, [
    { day: `${twoMonthsAgo}-10`, customer: "acme", feature: "chat", model: "m", cost: "10" },
    { day: `${lastMonth}-10`, customer: "acme", feature: "chat", model: "m", cost: "100" },
    { day: `${thisMonth}-01`, customer: "acme", feature: "chat", model: "m", cost: "100.01" },
    { day: `${nextStart.slice(0, 7)}-02`, customer: "acme", feature: "chat", model: "m", cost: "100" },
  ]);
  expect(
    (await call(plans.POST, `/api/v1/plans?project=${t.projectId}`, { as: t.users.finance, json: markup("50") }))
      .status,
  ).toBe(201);
  const assigned = await call(assignments.PUT, `/api/v1/plans/assignments?project=${t.projectId}`, {
    as: t.users.finance,
    method: "PUT",
    json: { assignments: [{ customer: null, plan_id: "cost-plus", effective_from: "2020-01-01" }] },
  });
  expect(assigned.status).toBe(200);
});

describe("effective-dated plan versions", () => {
  it("an edit takes effect next billing period by default: this month's revenue is unchanged to the cent", async () => {
    const before = await revenue(`${thisMonth}-01`, today);
    expect(before).toBe("150.015");
    const res = await edit("100");
    expect(res.status).toBe(200);
    expect(res.json.version).toMatchObject({ version: 2, effective_from: nextStart });
    expect(res.json.warnings).toEqual([]);
    expect(await revenue(`${thisMonth}-01`, today)).toBe(before);
    // The next month is charged by version 2: 100 × 2.
    expect(await revenue(nextStart, lastDayOf(nextStart.slice(0, 7)))).toBe("200.00");
  });

  it("refuses an earlier start unless it is confirmed, then warns what changes", async () => {
    const refused = await edit("20", `&effective_from=${thisMonth}-01`);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/^effective_from: .* before the next billing period/);
    const bad = await edit("20", `&effective_from=${thisMonth}-32`);
    expect(bad.json.error.message).toMatch(/^effective_from: /);
    const confirmed = await edit("20", `&effective_from=${thisMonth}-01&allow_backdate=true`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.warnings[0]).toContain(`Revenue from ${thisMonth}-01`);
    expect(await revenue(`${thisMonth}-01`, today)).toBe("120.012");
    // Version 2 still starts next month.
    expect(await revenue(nextStart, lastDayOf(nextStart.slice(0, 7)))).toBe("200.00");
  });

  it("a closed month never changes: not by a back-dated edit, not by late usage", async () => {
    expect(await revenue(`${lastMonth}-01`, lastDayOf(lastMonth))).toBe("150.00");
    const closed = await call(closedMonths.POST, `/api/v1/margins/closed-months?project=${t.projectId}`, {
      as: t.users.finance,
      json: { month: lastMonth },
    });
    expect(closed.status).toBe(201);
    expect(closed.json.closed).toMatchObject({ month: lastMonth, revenue: "150.000000000000000" });
    const again = await call(closedMonths.POST, `/api/v1/margins/closed-months?project=${t.projectId}`, {
      as: t.users.finance,
      json: { month: lastMonth },
    });
    expect(again.status).toBe(409);
    const open = await call(closedMonths.POST, `/api/v1/margins/closed-months?project=${t.projectId}`, {
      as: t.users.finance,
      json: { month: thisMonth },
    });
    expect(open.json.error.message).toMatch(/^month: .* has not ended/);

    const backdated = await edit("300", `&effective_from=${lastMonth}-01&allow_backdate=true`);
    expect(backdated.status).toBe(200);
    expect(backdated.json.warnings[0]).toContain(`except in closed months (${lastMonth})`);
    await insertUsage(db, t.projectId, [
      { day: `${lastMonth}-20`, customer: "late-co", feature: "chat", model: "m", cost: "50" },
    ]);
    expect(await revenue(`${lastMonth}-01`, lastDayOf(lastMonth))).toBe("150.00");
    // The version in force is the latest start on or before each day: this month stays on version 3.
    expect(await revenue(`${thisMonth}-01`, today)).toBe("120.012");
  });

  it("imported billing closes its month, and a closed month refuses imports by line", async () => {
    const csv = `customer,month,revenue_usd\nacme,${twoMonthsAgo},99\n`;
    const imported = await call(importRoute.POST, `/api/v1/revenue/import?project=${t.projectId}`, {
      as: t.users.finance,
      body: csv,
    });
    expect(imported.status).toBe(201);
    expect(imported.json.closed_months).toEqual([twoMonthsAgo]);
    const listed = await call(closedMonths.GET, `/api/v1/margins/closed-months?project=${t.projectId}`, {
      key: t.readKey,
    });
    expect(listed.json.closed_months.map((m: { month: string; source: string }) => `${m.month}:${m.source}`)).toEqual([
      `${twoMonthsAgo}:imported`,
      `${lastMonth}:manual`,
    ]);
    await edit("1000", `&effective_from=${twoMonthsAgo}-01&allow_backdate=true`);
    expect(await revenue(`${twoMonthsAgo}-01`, lastDayOf(twoMonthsAgo))).toBe("99.00");
    const refused = await call(importRoute.POST, `/api/v1/revenue/import?project=${t.projectId}`, {
      as: t.users.finance,
      body: `customer,month,revenue_usd\nacme,${lastMonth},1\n`,
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.rejected).toEqual([
      { line: 2, field: "month", reason: `${lastMonth} is closed: its revenue is frozen and cannot change` },
    ]);
  });

  it("lists the versions, oldest first", async () => {
    const res = await call(versions.GET, `/api/v1/plans/cost-plus/versions?project=${t.projectId}`, {
      key: t.readKey,
      params: { id: "cost-plus" },
    });
    expect(
      res.json.versions.map((v: { version: number; effective_from: string | null; name: string }) => [
        v.version,
        v.effective_from,
        v.name,
      ]),
    ).toEqual([
      [1, null, "Cost plus 50%"],
      [2, nextStart, "Cost plus 100%"],
      [3, `${thisMonth}-01`, "Cost plus 20%"],
      [4, `${lastMonth}-01`, "Cost plus 300%"],
      [5, `${twoMonthsAgo}-01`, "Cost plus 1000%"],
    ]);
  });
});
