/**
 * The price-management routes no other API test calls, driven once end to end with an admin key
 * so their answers are checked against their response schemas (defineRoute checks every 2xx
 * JSON answer under vitest), and their `[id]` params refuse what cannot name a row.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as aliasById from "@/app/api/v1/prices/aliases/[id]/route";
import * as aliases from "@/app/api/v1/prices/aliases/route";
import * as gpuIdle from "@/app/api/v1/prices/gpu-idle/route";
import * as poolById from "@/app/api/v1/prices/gpu-pools/[id]/route";
import * as poolRules from "@/app/api/v1/prices/gpu-pools/rules/route";
import * as pools from "@/app/api/v1/prices/gpu-pools/route";
import * as rateById from "@/app/api/v1/prices/gpu-rates/[id]/route";
import * as rates from "@/app/api/v1/prices/gpu-rates/route";
import type { RouteHandler } from "@/lib/api/route";
import { createApiKey } from "@/lib/auth/key-store";
import { useTestDatabase } from "../support/database";
import { createTenant } from "../ingest/support";

const db = useTestDatabase();

async function adminKey(): Promise<string> {
  const { orgId, projectId } = await createTenant(db);
  return (
    await createApiKey(db.prisma, { orgId, projectId, name: "admin", scopes: ["admin", "read"], createdBy: null })
  ).key;
}

async function call(
  handler: RouteHandler,
  key: string,
  init: { method?: string; body?: unknown; id?: string; query?: string } = {},
) {
  const req = new NextRequest(`http://localhost/api/v1/prices${init.query ?? ""}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const res = await handler(req, { params: Promise.resolve(init.id ? { id: init.id } : {}) });
  return { status: res.status, json: res.status === 204 ? null : await res.json() };
}

describe("price management answers match their contracts", () => {
  it("creates, changes and deletes an alias", async () => {
    const key = await adminKey();
    const created = await call(aliases.POST, key, {
      method: "POST",
      body: { alias: "my-deploy", provider: "azure", target_model: "gpt-4o" },
    });
    expect(created.status).toBe(201);
    const id = created.json.alias.id;
    const changed = await call(aliasById.PATCH, key, { method: "PATCH", id, body: { target_model: "gpt-4o-mini" } });
    expect(changed).toMatchObject({ status: 200, json: { alias: { id, target_model: "gpt-4o-mini" } } });
    expect((await call(aliases.GET, key)).json.aliases).toHaveLength(1);
    expect((await call(aliasById.DELETE, key, { method: "DELETE", id })).status).toBe(204);
    const bad = await call(aliasById.DELETE, key, { method: "DELETE", id: "42" });
    expect(bad).toEqual({
      status: 404,
      json: { error: { code: "not_found", message: "id: not an id (a UUID)", docs: "/docs/api#not_found" } },
    });
  });

  it("manages GPU rates, pools and idle rules, then computes and reads the idle cost", async () => {
    const key = await adminKey();
    const rate = await call(rates.POST, key, {
      method: "POST",
      body: { gpu_type: "H100", effective_from: "2026-01-01T00:00:00Z", usd_per_gpu_hour: "3.17" },
    });
    expect(rate.status).toBe(201);
    const changedRate = await call(rateById.PATCH, key, {
      method: "PATCH",
      id: rate.json.rate.id,
      body: { usd_per_gpu_hour: "2.90" },
    });
    expect(changedRate.json.rate.usd_per_gpu_hour).toMatch(/^2\.9/);
    const pool = await call(pools.POST, key, {
      method: "POST",
      body: { name: "eu-1", gpu_type: "H100", gpu_count: 2, effective_from: "2026-01-01T00:00:00Z" },
    });
    expect(pool.status).toBe(201);
    const grown = await call(poolById.PATCH, key, { method: "PATCH", id: pool.json.pool.id, body: { gpu_count: 3 } });
    expect(grown.json.pool.gpu_count).toBe(3);
    expect((await call(pools.GET, key)).json.pools).toHaveLength(1);
    expect((await call(rates.GET, key)).json.rates).toHaveLength(1);

    const rule = await call(poolRules.PUT, key, { method: "PUT", body: { pool: "eu-1", idle_rule: "overhead" } });
    expect(rule).toEqual({ status: 200, json: { rule: { pool: "eu-1", idle_rule: "overhead" } } });
    expect((await call(poolRules.GET, key)).json.rules).toEqual([{ pool: "eu-1", idle_rule: "overhead" }]);

    const computed = await call(gpuIdle.POST, key, { method: "POST", body: { from: "2026-01-01", to: "2026-01-02" } });
    expect(computed.status).toBe(200);
    expect(computed.json.summary.pools).toHaveLength(1);
    const summary = await call(gpuIdle.GET, key, { query: "?from=2026-01-01&to=2026-01-02" });
    expect(summary.json).toEqual(computed.json.summary);

    expect((await call(poolById.DELETE, key, { method: "DELETE", id: pool.json.pool.id })).status).toBe(204);
    expect((await call(rateById.DELETE, key, { method: "DELETE", id: rate.json.rate.id })).status).toBe(204);
  });
});
