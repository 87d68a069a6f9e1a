/**
 * Route contracts: path params parsed before the handler (a bad id is a 404 naming it), and in
 * tests every 2xx JSON answer checked against the route's response schema, extra fields included.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { undeclaredFields } from "@/lib/api/contract-check";
import { idParams } from "@/lib/api/params";
import { defineRoute, type RouteHandler } from "@/lib/api/route";
import { useTestDatabase } from "../support/database";
import { createTenant } from "../ingest/support";

const db = useTestDatabase();

const answerSchema = z.object({ total: z.string(), rows: z.array(z.object({ key: z.string() })) });

function routeAnswering(answer: unknown, status?: 200 | 201): RouteHandler {
  return defineRoute({ auth: { key: "read" }, response: answerSchema, status, handler: async () => answer });
}

async function call(handler: RouteHandler, key: string, params: Record<string, string> = {}) {
  const req = new NextRequest("http://localhost/api/v1/test", { headers: { authorization: `Bearer ${key}` } });
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, json: await res.json() };
}

describe("response contracts in tests", () => {
  it("passes an answer that matches its schema, with the declared status", async () => {
    const { readKey } = await createTenant(db);
    const res = await call(routeAnswering({ total: "1.00", rows: [{ key: "a" }] }, 201), readKey);
    expect(res).toEqual({ status: 201, json: { total: "1.00", rows: [{ key: "a" }] } });
  });

  it("fails an answer with a wrong type, naming the field", async () => {
    const { readKey } = await createTenant(db);
    const res = await call(routeAnswering({ total: 1, rows: [] }), readKey);
    expect(res.status).toBe(500);
    expect(res.json.error.message).toMatch(/^The answer breaks its response schema: total: /);
  });

  it("fails an answer with a field the schema does not declare", async () => {
    const { readKey } = await createTenant(db);
    const res = await call(routeAnswering({ total: "1.00", rows: [{ key: "a", colour: "red" }] }), readKey);
    expect(res.status).toBe(500);
    expect(res.json.error.message).toBe(
      "The answer breaks its response schema: rows[0].colour: not in the response schema",
    );
  });

  it("finds undeclared fields at any depth, and none in what the schema kept", () => {
    expect(undeclaredFields({ a: { b: 1, c: [{ d: 1, e: 2 }] } }, { a: { b: 1, c: [{ d: 1 }] } })).toEqual([
      ["a", "c", 0, "e"],
    ]);
    expect(undeclaredFields({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });
});

describe("path params", () => {
  const byId = defineRoute({
    auth: { key: "read" },
    params: idParams,
    handler: async ({ params }) => ({ id: params.id }),
  });

  it("refuses an id that cannot name a row with a 404 naming the param, before the handler", async () => {
    const { readKey } = await createTenant(db);
    const res = await call(byId, readKey, { id: "not-a-uuid" });
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({ code: "not_found", message: "id: not an id (a UUID)" });
  });

  it("hands the parsed params to the handler", async () => {
    const { readKey } = await createTenant(db);
    const id = "0b6f7d52-7c43-4c1e-9a53-2f1c7a3d9e10";
    expect(await call(byId, readKey, { id })).toEqual({ status: 200, json: { id } });
  });
});
