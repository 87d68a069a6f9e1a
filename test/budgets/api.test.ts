import { beforeAll, describe, expect, it } from "vitest";
import { GET as list, POST as create } from "@/app/api/v1/budgets/route";
import { DELETE as remove, GET as getOne, PATCH as patch } from "@/app/api/v1/budgets/[id]/route";
import { GET as status } from "@/app/api/v1/budgets/[id]/status/route";
import { GET as check } from "@/app/api/v1/budgets/check/route";
import { resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../support/database";
import { call, createMarginTenant, SECRET, type MarginTenant } from "../margins/db/support";
import { ingest, usage } from "../analytics/support";

const db = useTestDatabase();
let a: MarginTenant;
let b: MarginTenant;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  a = await createMarginTenant(db);
  b = await createMarginTenant(db);
  await ingest(db, a.projectId, [usage({ customer: "acme", feature: "bot", tokens: { input: 4_000_000 } })]);
});

const budget = { name: "Acme bot", period: "month", amount: "100.00", scope: { customer: "acme", feature: "bot" } };

describe("budgets API", () => {
  it("owners, admins and finance manage; engineers and viewers only read", async () => {
    for (const role of ["engineer", "viewer"] as const) {
      const refused = await call(create, `/api/v1/budgets?project=${a.projectId}`, { as: a.users[role], json: budget });
      expect(refused.status).toBe(403);
    }
    const created = await call(create, `/api/v1/budgets?project=${a.projectId}`, { as: a.users.finance, json: budget });
    expect(created.status).toBe(201);
    const id = created.json.budget.id;
    const viewed = await call(list, `/api/v1/budgets?project=${a.projectId}`, { as: a.users.viewer });
    expect(viewed.json.budgets.find((s: { budget: { id: string } }) => s.budget.id === id)).toMatchObject({
      spent: "10.00",
      used: 0.1,
    });
    const byKey = await call(status, "/api/v1/budgets/x/status", { key: a.readKey, params: { id } });
    expect(byKey.json).toMatchObject({ spent: "10.00", remaining: "90.00", breached: false });
    expect(byKey.json.forecast.method).toMatch(/^linear/);
    expect((await call(create, "/api/v1/budgets", { key: a.readKey, json: budget })).status).toBe(403);
    const muted = await call(patch, `/api/v1/budgets/x?project=${a.projectId}`, {
      as: a.users.admin,
      method: "PATCH",
      json: { muted: true },
      params: { id },
    });
    expect(muted.json.budget).toMatchObject({ muted: true, amount: "100.00" });
    expect(
      (
        await call(patch, `/api/v1/budgets/x?project=${a.projectId}`, {
          as: a.users.viewer,
          method: "PATCH",
          json: { muted: false },
          params: { id },
        })
      ).status,
    ).toBe(403);
    const detail = await call(getOne, `/api/v1/budgets/x?project=${a.projectId}`, {
      as: a.users.viewer,
      params: { id },
    });
    expect(
      detail.json.audit.map((entry: { action: string; actor: { id: string } }) => [entry.action, entry.actor.id]),
    ).toEqual([
      ["update", a.users.admin],
      ["create", a.users.finance],
    ]);
    expect(
      (
        await call(remove, `/api/v1/budgets/x?project=${a.projectId}`, {
          as: a.users.owner,
          method: "DELETE",
          params: { id },
        })
      ).status,
    ).toBe(200);
    expect((await call(status, "/api/v1/budgets/x/status", { key: a.readKey, params: { id } })).status).toBe(404);
  });

  it.each([
    [{ ...budget, amount: "1e3" }, "amount"],
    [{ ...budget, name: "" }, "name"],
    [{ ...budget, period: "year" }, "period"],
    [{ ...budget, scope: { team: "x" } }, "scope"],
    [{ ...budget, actual_thresholds: "80" }, "actual_thresholds"],
    [{ ...budget, extra: 1 }, "(root)"],
  ])("%j is a 400 naming %s", async (body, field) => {
    const res = await call(create, `/api/v1/budgets?project=${a.projectId}`, { as: a.users.owner, json: body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_body");
    expect(res.json.error.message.startsWith(`${field}:`)).toBe(true);
  });

  it("tenants never see or change each other's budgets", async () => {
    const created = await call(create, `/api/v1/budgets?project=${a.projectId}`, { as: a.users.owner, json: budget });
    const id = created.json.budget.id;
    expect((await call(getOne, "/api/v1/budgets/x", { key: b.readKey, params: { id } })).status).toBe(404);
    expect(
      (
        await call(patch, `/api/v1/budgets/x?project=${b.projectId}`, {
          as: b.users.owner,
          method: "PATCH",
          json: { amount: "1" },
          params: { id },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(patch, `/api/v1/budgets/x?project=${a.projectId}`, {
          as: b.users.owner,
          method: "PATCH",
          json: { amount: "1" },
          params: { id },
        })
      ).status,
    ).toBe(404);
    expect((await call(list, "/api/v1/budgets", { key: b.readKey })).json.budgets).toEqual([]);
    expect((await call(check, "/api/v1/budgets/check?customer=acme&feature=bot", { key: b.readKey })).json).toEqual({
      allowed: true,
      budgets: [],
    });
    expect((await call(getOne, "/api/v1/budgets/x", { key: a.readKey, params: { id: "not-a-uuid" } })).status).toBe(
      404,
    );
  });

  it("the check answers which budgets apply and validates its parameters", async () => {
    await call(create, `/api/v1/budgets?project=${a.projectId}`, {
      as: a.users.owner,
      json: { ...budget, name: "Tiny", amount: "5" },
    });
    const res = await call(check, "/api/v1/budgets/check?customer=acme&feature=bot&model=gpt-4o", { key: a.readKey });
    expect(res.status).toBe(200);
    expect(res.json.allowed).toBe(false);
    expect(res.json.budgets.find((x: { name: string }) => x.name === "Tiny")).toMatchObject({
      spent: "10.00",
      remaining: "0.00",
      breached: true,
    });
    expect((await call(check, "/api/v1/budgets/check?customer=globex", { key: a.readKey })).json).toEqual({
      allowed: true,
      budgets: [],
    });
    const empty = await call(check, "/api/v1/budgets/check?customer=", { key: a.readKey });
    expect([empty.status, empty.json.error.message.startsWith("customer:")]).toEqual([400, true]);
    const unknown = await call(check, "/api/v1/budgets/check?team=x", { key: a.readKey });
    expect(unknown.status).toBe(400);
    expect((await call(check, "/api/v1/budgets/check", {})).status).toBe(401);
  });
});
