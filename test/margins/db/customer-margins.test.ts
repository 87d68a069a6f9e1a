/**
 * GET /api/v1/margins/customers: the customers list's revenue and margin per customer are
 * exactly the margins report's, for the same period, and the read keeps the API's rules
 * (validated period naming the field, tenants apart).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import * as customers from "@/app/api/v1/margins/customers/route";
import * as margins from "@/app/api/v1/margins/route";
import { customerMarginsResponseSchema } from "@/lib/margins/wire/customer-margins";
import { replaceAssignments } from "@/lib/margins/db/assignments-repo";
import { createPlan } from "@/lib/margins/db/plans-repo";
import { useTestDatabase as testDatabase } from "../../support/database";
import { call, createMarginTenant, insertUsage, SECRET, type MarginTenant } from "./support";

const db = testDatabase();
let t: MarginTenant;
let other: MarginTenant;
const march = (t: MarginTenant) => `?project=${t.projectId}&from=2026-03-01&to=2026-03-31`;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  t = await createMarginTenant(db);
  other = await createMarginTenant(db);
  await insertUsage(db, t.projectId, [
    { day: "2026-03-02", customer: "acme", feature: "chat", model: "claude-sonnet-4-5", cost: "3" },
    { day: "2026-03-20", customer: "acme", feature: "search", model: "claude-sonnet-4-5", cost: "1.25" },
    { day: "2026-03-05", customer: "globex", feature: "chat", model: "claude-sonnet-4-5", cost: "7.5" },
    { day: "2026-03-06", customer: "initech", feature: "chat", model: "claude-sonnet-4-5", cost: "0.4" },
  ]);
  await createPlan(db, t.projectId, null, {
    id: "cost-plus",
    name: "Cost plus 30%",
    type: "usage",
    pricing: { basis: "markup", markupPercent: "30" },
  });
  await createPlan(db, t.projectId, null, {
    id: "flat",
    name: "Flat $5",
    type: "subscription",
    monthlyFee: "5",
    allowance: { unit: "cost", amount: "1000" },
  });
  // globex pays a flat fee below its cost (a negative margin); initech has no plan (no revenue).
  await replaceAssignments(db, t.projectId, null, [
    { customer: "acme", planId: "cost-plus", effectiveFrom: "2026-01-01" },
    { customer: "globex", planId: "flat", effectiveFrom: "2026-01-01" },
  ]);
});

describe("GET /api/v1/margins/customers", () => {
  it("answers each customer's revenue and margin exactly as the margins report does", async () => {
    const small = await call(customers.GET, `/api/v1/margins/customers${march(t)}`, { as: t.users.viewer });
    expect(small.status).toBe(200);
    const answer = customerMarginsResponseSchema.parse(small.json);
    expect(answer.period).toEqual({ from: "2026-03-01", to: "2026-03-31" });

    const report = await call(margins.GET, `/api/v1/margins${march(t)}`, { as: t.users.viewer });
    expect(report.status).toBe(200);
    const expected = (
      report.json.customers as { customer: string; revenue: string; margin: string; margin_pct: number | null }[]
    )
      .map((row) => ({ customer: row.customer, revenue: row.revenue, margin: row.margin, margin_pct: row.margin_pct }))
      .sort((a, b) => a.customer.localeCompare(b.customer));
    const got = [...answer.customers].sort((a, b) => a.customer.localeCompare(b.customer));
    expect(got).toEqual(expected);
    // The figures the list shows: cost plus 30% on acme's $4.25, globex below cost, initech without revenue.
    expect(got.map((row) => row.customer)).toEqual(["acme", "globex", "initech"]);
    expect(got[0]).toMatchObject({ revenue: "5.525", margin: "1.275" });
    expect(got[1]).toMatchObject({ revenue: "5.00", margin: "-2.50" });
    expect(got[2]).toMatchObject({ revenue: "0.00", margin_pct: null });
    expect(small.text.length).toBeLessThan(report.text.length / 4);
  });

  it("accepts a range preset and refuses a bad period, naming the field", async () => {
    const ranged = await call(customers.GET, `/api/v1/margins/customers?project=${t.projectId}&range=30d`, {
      key: t.readKey,
    });
    expect(ranged.status).toBe(200);
    const bad = await call(customers.GET, `/api/v1/margins/customers?project=${t.projectId}&to=2026-02-30`, {
      as: t.users.viewer,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^to: /);
  });

  it("keeps tenants apart: another organisation's member gets 404, its own project has no customers", async () => {
    const foreign = await call(customers.GET, `/api/v1/margins/customers${march(t)}`, { as: other.users.owner });
    expect(foreign.status).toBe(404);
    const own = await call(customers.GET, `/api/v1/margins/customers${march(other)}`, { as: other.users.owner });
    expect(customerMarginsResponseSchema.parse(own.json).customers).toEqual([]);
  });
});
