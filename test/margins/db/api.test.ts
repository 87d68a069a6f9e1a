import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import * as margins from "@/app/api/v1/margins/route";
import * as plans from "@/app/api/v1/plans/route";
import * as plan from "@/app/api/v1/plans/[id]/route";
import * as assignments from "@/app/api/v1/plans/assignments/route";
import * as importRoute from "@/app/api/v1/revenue/import/route";
import * as scenarios from "@/app/api/v1/scenarios/route";
import * as run from "@/app/api/v1/scenarios/run/route";
import * as compare from "@/app/api/v1/scenarios/compare/route";
import { useTestDatabase as testDatabase } from "../../support/database";
import { todayIn } from "@/lib/calendar/zone";
import { addDays } from "@/lib/calendar/days";
import { call, createMarginTenant, insertUsage, SECRET, type MarginTenant } from "./support";

const db = testDatabase();
let t: MarginTenant;
let other: MarginTenant;
const q = () => `?project=${t.projectId}&from=2026-03-01&to=2026-03-31`;

const outcomePlan = {
  id: "per-resolution",
  name: "Per resolution",
  type: "outcome",
  outcome_prices: [{ outcome_type: "ticket_resolved", price: "0.99" }],
};
const markupPlan = {
  id: "cost-plus",
  name: "Cost plus 30%",
  type: "usage",
  pricing: { basis: "markup", markup_percent: "30" },
};

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  t = await createMarginTenant(db);
  other = await createMarginTenant(db);
  await insertUsage(db, t.projectId, [
    { day: "2026-03-02", customer: "acme", feature: "chat", model: "claude-sonnet-4-5", input: 1_000_000, cost: "3" },
  ]);
});

async function revenueRows(projectId: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM revenue_imports WHERE project_id = $1",
    [projectId],
  );
  return rows[0]!.n;
}

describe("plans API", () => {
  it("lets finance create plans and answers 201", async () => {
    const created = await call(plans.POST, `/api/v1/plans${q()}`, { as: t.users.finance, json: outcomePlan });
    expect(created.status).toBe(201);
    expect(created.json.plan).toMatchObject({ id: "per-resolution", type: "outcome" });
    expect((await call(plans.POST, `/api/v1/plans${q()}`, { as: t.users.admin, json: markupPlan })).status).toBe(201);
  });

  it("answers 400 naming the field of a bad plan, and stores nothing", async () => {
    const bad = await call(plans.POST, `/api/v1/plans${q()}`, {
      as: t.users.finance,
      json: { ...markupPlan, id: "bad", pricing: { basis: "markup", markup_percent: "thirty" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_body");
    expect(bad.json.error.message).toContain("pricing.markup_percent");
    const badPrice = await call(plans.POST, `/api/v1/plans${q()}`, {
      as: t.users.finance,
      json: { ...outcomePlan, id: "x", outcome_prices: [{ outcome_type: "t", price: "-1" }] },
    });
    expect(badPrice.json.error.message).toContain("outcome_prices[0].price");
    const badId = await call(plans.POST, `/api/v1/plans${q()}`, {
      as: t.users.finance,
      json: { ...outcomePlan, id: "Has Spaces" },
    });
    expect(badId.json.error.message).toMatch(/^id: /);
    const list = await call(plans.GET, `/api/v1/plans${q()}`, { as: t.users.viewer });
    expect(list.json.plans.map((p: { id: string }) => p.id)).toEqual(["per-resolution", "cost-plus"]);
  });

  it("answers 409 to a duplicate id", async () => {
    expect((await call(plans.POST, `/api/v1/plans${q()}`, { as: t.users.finance, json: outcomePlan })).status).toBe(
      409,
    );
  });

  it("refuses viewers and engineers (403) and other tenants' members (404)", async () => {
    for (const role of ["viewer", "engineer"] as const) {
      const refused = await call(plans.POST, `/api/v1/plans${q()}`, {
        as: t.users[role],
        json: { ...markupPlan, id: `by-${role}` },
      });
      expect(refused.status).toBe(403);
    }
    const foreign = await call(plans.POST, `/api/v1/plans${q()}`, {
      as: other.users.owner,
      json: { ...markupPlan, id: "intruder" },
    });
    expect(foreign.status).toBe(404);
    const foreignRead = await call(margins.GET, `/api/v1/margins${q()}`, { as: other.users.owner });
    expect(foreignRead.status).toBe(404);
    const foreignPlan = await call(plan.GET, `/api/v1/plans/per-resolution`, {
      key: other.readKey,
      params: { id: "per-resolution" },
    });
    expect(foreignPlan.status).toBe(404);
  });

  it("rejects an assignment to an unknown plan, naming it", async () => {
    const res = await call(assignments.PUT, `/api/v1/plans/assignments${q()}`, {
      as: t.users.finance,
      method: "PUT",
      json: {
        assignments: [
          { customer: null, plan_id: "cost-plus", effective_from: "2026-01-01" },
          { customer: "acme", plan_id: "nope", effective_from: "2026-03-01" },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain("assignments[1].plan_id");
    const ok = await call(assignments.PUT, `/api/v1/plans/assignments${q()}`, {
      as: t.users.finance,
      method: "PUT",
      json: { assignments: [{ customer: null, plan_id: "cost-plus", effective_from: "2026-01-01" }] },
    });
    expect(ok.status).toBe(200);
    const viewer = await call(assignments.PUT, `/api/v1/plans/assignments${q()}`, {
      as: t.users.viewer,
      method: "PUT",
      json: { assignments: [] },
    });
    expect(viewer.status).toBe(403);
  });
});

describe("margins API", () => {
  it("serves the report to a read key with exact money, and CSV", async () => {
    const res = await call(margins.GET, `/api/v1/margins?from=2026-03-01&to=2026-03-31&plan=per-resolution`, {
      key: t.readKey,
    });
    expect(res.status).toBe(200);
    // 3 × 1.3 = 3.90
    expect(res.json.totals).toMatchObject({ cost: "3.00", revenue: "3.90", margin: "0.90", margin_pct: 23.08 });
    expect(res.json.comparisons[0]).toMatchObject({
      plan_id: "per-resolution",
      losers: [{ customer: "acme", delta: "-3.90" }],
    });
    const csv = await call(
      margins.GET,
      `/api/v1/margins?from=2026-03-01&to=2026-03-31&plan=per-resolution&format=csv`,
      { key: t.readKey },
    );
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.text.split("\r\n").slice(0, 2)).toEqual([
      "customer,plans,revenue_source,requests,cost_usd,loaded_cost_usd,revenue_usd,margin_usd,margin_pct,usage_margin_usd,revenue_under_per-resolution,margin_under_per-resolution,margin_delta",
      "acme,cost-plus,computed,1,3.00,3.00,3.90,0.90,23.08,0.90,0.00,-3.00,-3.90",
    ]);
  });

  it("leaves each customer's per-feature rows out with customer_features=false, and nothing else", async () => {
    const path = `/api/v1/margins?from=2026-03-01&to=2026-03-31&plan=per-resolution`;
    const full = await call(margins.GET, path, { key: t.readKey });
    const slim = await call(margins.GET, `${path}&customer_features=false`, { key: t.readKey });
    expect(full.json.customers[0].features).toMatchObject([{ feature: "chat", cost: "3.00" }]);
    expect(slim.status).toBe(200);
    expect(slim.json.customers.every((customer: object) => !("features" in customer))).toBe(true);
    const withoutFeatures = {
      ...full.json,
      customers: full.json.customers.map((customer: object) =>
        Object.fromEntries(Object.entries(customer).filter(([key]) => key !== "features")),
      ),
    };
    expect(slim.json).toEqual(withoutFeatures);
    const bad = await call(margins.GET, `${path}&customer_features=no`, { key: t.readKey });
    expect([bad.status, bad.json.error.message]).toEqual([
      400,
      'customer_features: customer_features must be "true" or "false"',
    ]);
  });

  it("answers 400 for an unknown comparison plan and a bad period", async () => {
    const res = await call(margins.GET, `/api/v1/margins${q()}&plan=ghost`, { as: t.users.viewer });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/^plan: no plan/);
    const bad = await call(margins.GET, `/api/v1/margins?project=${t.projectId}&from=2026-02-30`, {
      as: t.users.viewer,
    });
    expect(bad.json.error.message).toMatch(/^from: /);
  });

  it("honours range= with the read endpoints' presets, counted in the organisation's timezone", async () => {
    const { rows } = await db.pool.query<{ timezone: string }>(
      "SELECT o.timezone FROM projects p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1",
      [t.projectId],
    );
    const today = todayIn(rows[0]!.timezone);
    const week = await call(margins.GET, `/api/v1/margins?range=7d`, { key: t.readKey });
    expect(week.status).toBe(200);
    expect(week.json.period).toEqual({ from: addDays(today, -7), to: addDays(today, -1) }); // the last 7 complete days
    const month = await call(margins.GET, `/api/v1/margins?range=mtd`, { key: t.readKey });
    expect(month.json.period).toEqual({ from: `${today.slice(0, 8)}01`, to: today });
    const both = await call(margins.GET, `/api/v1/margins?range=7d&from=2026-03-01`, { key: t.readKey });
    expect([both.status, both.json.error.message]).toEqual([400, "range: send either range or from/to, not both"]);
    const unknown = await call(margins.GET, `/api/v1/margins?range=week`, { key: t.readKey });
    expect(unknown.json.error.message).toMatch(/^range: one of 7d, 30d/);
  });
});

describe("revenue import API", () => {
  it("answers 422 with every rejected row and writes nothing", async () => {
    const csv = "customer,month,revenue_usd\nacme,2026-03,10\n,2026-03,5\nbeta,March,$5\n";
    const res = await call(importRoute.POST, `/api/v1/revenue/import${q()}`, { as: t.users.finance, body: csv });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("unprocessable");
    expect(res.json.error).toMatchObject({ rows_read: 3, rows_rejected: 2 });
    expect(res.json.error.rejected.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual([
      "3:customer",
      "4:month",
      "4:revenue_usd",
    ]);
    expect(await revenueRows(t.projectId)).toBe(0);
  });

  it("refuses, by line, rows for customers that never sent an event unless each is confirmed", async () => {
    const csv = "customer,month,revenue_usd\nacme,2026-04,10\nnot-a-customer,2026-04,100\n";
    const refused = await call(importRoute.POST, `/api/v1/revenue/import${q()}`, { as: t.users.finance, body: csv });
    expect(refused.status).toBe(422);
    expect(refused.json.error.rejected).toEqual([
      { line: 3, field: "customer", reason: expect.stringContaining('"not-a-customer" never sent an event') },
    ]);
    expect(refused.json.error.unknown_customers).toEqual(["not-a-customer"]);
    expect(await revenueRows(t.projectId)).toBe(0);
    const otherName = await call(importRoute.POST, `/api/v1/revenue/import${q()}`, {
      as: t.users.finance,
      json: { csv, confirm_unknown_customers: ["someone-else"] },
    });
    expect(otherName.status).toBe(422);
    const badOption = await call(importRoute.POST, `/api/v1/revenue/import${q()}`, {
      as: t.users.finance,
      json: { csv, confirm_unknown_customers: "not-a-customer" },
    });
    expect([badOption.status, badOption.json.error.message]).toEqual([
      400,
      expect.stringMatching(/^confirm_unknown_customers: /),
    ]);
    expect(await revenueRows(t.projectId)).toBe(0);
    const confirmed = await call(
      importRoute.POST,
      `/api/v1/revenue/import${q()}&confirm_unknown_customers=not-a-customer`,
      { as: t.users.finance, body: csv },
    );
    expect(confirmed.status).toBe(201);
    expect(await revenueRows(t.projectId)).toBe(2);
    await db.pool.query("DELETE FROM revenue_imports WHERE project_id = $1", [t.projectId]);
  });

  it("imports a good file for finance, refuses viewers", async () => {
    expect(
      (
        await call(importRoute.POST, `/api/v1/revenue/import${q()}`, {
          as: t.users.viewer,
          body: "customer,month,revenue_usd\nacme,2026-03,10\n",
        })
      ).status,
    ).toBe(403);
    const res = await call(importRoute.POST, `/api/v1/revenue/import${q()}`, {
      as: t.users.finance,
      body: "customer,month,revenue_usd\nacme,2026-03,10.000000000000001\n",
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ rows: 1, total: "10.000000000000001" });
    expect(await revenueRows(t.projectId)).toBe(1);
    const report = await call(margins.GET, `/api/v1/margins${q()}`, { as: t.users.viewer });
    expect(report.json.customers[0]).toMatchObject({ revenue: "10.000000000000001", revenue_source: "imported" });
  });
});

describe("scenarios API", () => {
  const cheaper = {
    name: "Chat on Haiku",
    changes: [
      { kind: "move_feature_model", feature: "chat", from_model: "claude-sonnet-4-5", to_model: "claude-haiku-4-5" },
    ],
  };

  it("runs a scenario for any member and saves it for finance only", async () => {
    const res = await call(run.POST, `/api/v1/scenarios/run?project=${t.projectId}`, {
      as: t.users.viewer,
      json: { from: "2026-03-01", to: "2026-03-31", scenario: cheaper },
    });
    expect(res.status).toBe(200);
    // 1M input tokens on Haiku 4.5 at $1/M: cost 3 -> 1
    expect(res.json.totals.delta.cost).toBe("-2.00");
    expect((await call(scenarios.POST, `/api/v1/scenarios${q()}`, { as: t.users.viewer, json: cheaper })).status).toBe(
      403,
    );
    const saved = await call(scenarios.POST, `/api/v1/scenarios${q()}`, { as: t.users.finance, json: cheaper });
    expect(saved.status).toBe(201);
    const compared = await call(compare.POST, `/api/v1/scenarios/compare?project=${t.projectId}`, {
      as: t.users.viewer,
      json: { from: "2026-03-01", to: "2026-03-31", ids: [saved.json.scenario.id] },
    });
    expect(compared.json.scenarios[0]).toMatchObject({ name: "Chat on Haiku", ok: true, delta: { cost: "-2.00" } });
  });

  it("names the field of a bad scenario", async () => {
    const res = await call(scenarios.POST, `/api/v1/scenarios${q()}`, {
      as: t.users.finance,
      json: { name: "x", changes: [{ kind: "set_markup", plan_id: "ghost", markup_percent: "10" }] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain("changes[0].plan_id");
    const rate = await call(run.POST, `/api/v1/scenarios/run?project=${t.projectId}`, {
      as: t.users.finance,
      json: { scenario: { name: "x", changes: [{ kind: "cache_hit_rate", rate: "2" }] } },
    });
    expect(rate.json.error.message).toContain("scenario.changes[0].rate");
  });
});
