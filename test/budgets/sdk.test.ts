import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBudgets } from "@/packages/sdk/src/budgets";
import { createBudget } from "@/lib/budgets/db/store";
import { useTestDatabase } from "../support/database";
import { freePort, startApiServer } from "../support/server-process";
import { createTenant, ingest, usage, type Tenant } from "../analytics/support";

const db = useTestDatabase();
let server: ChildProcess;
let endpoint = "";
let tenant: Tenant;

beforeAll(async () => {
  const port = await freePort();
  server = await startApiServer(db.url, port);
  endpoint = `http://127.0.0.1:${port}`;
  tenant = await createTenant(db);
  await ingest(db, tenant.projectId, [usage({ customer: "acme", feature: "bot", tokens: { input: 2_000_000 } })]); // $5
  await createBudget(
    db.pool,
    { orgId: tenant.orgId, projectId: tenant.projectId, actorId: null },
    { name: "Acme", period: "month", amount: "5", scope: { customer: "acme" } },
  );
});
afterAll(() => {
  server?.kill();
});

describe("the SDK's budget check against the real API server", () => {
  it("answers which budgets apply and whether the call is allowed", async () => {
    const acme = await checkBudgets({ endpoint, apiKey: tenant.readKey }, { customer: "acme", feature: "bot" });
    expect(acme).toMatchObject({
      ok: true,
      allowed: false,
      budgets: [{ name: "Acme", spent: "5.00", remaining: "0.00", breached: true }],
    });
    expect(await checkBudgets({ endpoint, apiKey: tenant.readKey }, { customer: "globex" })).toEqual({
      ok: true,
      allowed: true,
      budgets: [],
    });
  });

  it("never throws: a refused key or an unreachable server fails open unless told to fail closed", async () => {
    const refused = await checkBudgets({ endpoint, apiKey: tenant.ingestKey }, { customer: "acme" });
    expect(refused).toMatchObject({ ok: false, allowed: true });
    expect(refused.error).toMatch(/^HTTP 403/);
    const down = await checkBudgets(
      { endpoint: `http://127.0.0.1:${await freePort()}`, apiKey: tenant.readKey, failOpen: false },
      { customer: "acme" },
    );
    expect(down).toMatchObject({ ok: false, allowed: false, budgets: [] });
  });
});
