import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as list, POST as create } from "@/app/api/v1/alert-channels/route";
import { DELETE as remove, PATCH as patch } from "@/app/api/v1/alert-channels/[id]/route";
import { POST as sendTest } from "@/app/api/v1/alert-channels/[id]/test/route";
import { GET as deliveries } from "@/app/api/v1/alert-channels/[id]/deliveries/route";
import { listAudit } from "@/lib/audit/trail";
import { resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../support/database";
import { call, createMarginTenant, SECRET, type MarginTenant } from "../margins/db/support";
import { startReceivers, type Receivers } from "./receivers";

const db = useTestDatabase();
let a: MarginTenant;
let b: MarginTenant;
let rx: Receivers;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  rx = await startReceivers();
  a = await createMarginTenant(db);
  b = await createMarginTenant(db);
});
afterAll(async () => {
  await rx.close();
});

const as = (tenant: MarginTenant, role: keyof MarginTenant["users"]) => ({ tenant, as: tenant.users[role] });
const path = (tenant: MarginTenant, rest = "") => `/api/v1/alert-channels${rest}?project=${tenant.projectId}`;

describe("alert channels API", () => {
  it("finance adds a webhook (secret shown once, URL masked), sends a test and reads the delivery log; viewers only read", async () => {
    const { as: finance } = as(a, "finance");
    const created = await call(create, path(a), {
      as: finance,
      json: { kind: "webhook", name: "Ops", target: rx.url("/api-hook/secret-token-path") },
    });
    expect(created.status).toBe(201);
    expect(created.json.signing_secret).toMatch(/^whsec_/);
    const id = created.json.channel.id;
    const listed = await call(list, path(a), { as: a.users.viewer });
    expect(listed.json.channels).toEqual([
      expect.objectContaining({ id, kind: "webhook", anomaly_min_severity: "high" }),
    ]);
    expect(JSON.stringify(listed.json)).not.toContain("secret-token-path");
    expect(JSON.stringify(listed.json)).not.toContain(created.json.signing_secret);

    for (const role of ["viewer", "engineer"] as const) {
      expect(
        (
          await call(create, path(a), {
            as: a.users[role],
            json: { kind: "email", name: "x", target: "x@example.test" },
          })
        ).status,
      ).toBe(403);
      expect(
        (await call(sendTest, path(a, "/x/test"), { as: a.users[role], method: "POST", params: { id } })).status,
      ).toBe(403);
    }
    const tested = await call(sendTest, path(a, "/x/test"), { as: finance, method: "POST", params: { id } });
    expect(tested.json.result).toMatchObject({ ok: true, status_code: 200 });
    expect(rx.requests.filter((r) => r.path === "/api-hook/secret-token-path")).toHaveLength(1);
    const log = await call(deliveries, path(a, "/x/deliveries"), { as: a.users.viewer, params: { id } });
    expect(log.json.deliveries).toEqual([
      expect.objectContaining({ ok: true, status_code: 200, attempt: 1, title: "Test alert from InferLedger" }),
    ]);

    const muted = await call(patch, path(a, "/x"), {
      as: a.users.admin,
      method: "PATCH",
      json: { muted: true, anomaly_min_severity: null },
      params: { id },
    });
    expect(muted.json.channel).toMatchObject({ muted: true, anomaly_min_severity: null });
    const audit = await listAudit(db.pool, a.orgId, id);
    expect(audit.map((entry) => [entry.action, entry.actor?.id])).toEqual([
      ["update", a.users.admin],
      ["create", finance],
    ]);
  });

  it.each([
    [{ kind: "pager", name: "x", target: "x" }, "kind"],
    [{ kind: "email", name: "x", target: "not-an-email" }, "target"],
    [{ kind: "slack", name: "x", target: "ftp://hooks.example/x" }, "target"],
    [{ kind: "webhook", name: "x", target: "https://user:pw@hooks.example/x" }, "target"],
    [{ kind: "webhook", name: "", target: "https://hooks.example/x" }, "name"],
    [
      { kind: "webhook", name: "x", target: "https://hooks.example/x", anomaly_min_severity: "severe" },
      "anomaly_min_severity",
    ],
  ])("%j is a 400 naming %s", async (body, field) => {
    const res = await call(create, path(a), { as: a.users.owner, json: body });
    expect(res.status).toBe(400);
    expect(res.json.error.message.startsWith(`${field}:`)).toBe(true);
  });

  it("organisations never see, test or change each other's channels", async () => {
    const created = await call(create, path(a), {
      as: a.users.owner,
      json: { kind: "email", name: "Mine", target: "mine@example.test" },
    });
    const id = created.json.channel.id;
    expect((await call(list, path(b), { as: b.users.owner })).json.channels).toEqual([]);
    expect(
      (await call(patch, path(b, "/x"), { as: b.users.owner, method: "PATCH", json: { muted: true }, params: { id } }))
        .status,
    ).toBe(404);
    expect(
      (await call(sendTest, path(b, "/x/test"), { as: b.users.owner, method: "POST", params: { id } })).status,
    ).toBe(404);
    expect((await call(deliveries, path(b, "/x/deliveries"), { as: b.users.owner, params: { id } })).status).toBe(404);
    expect((await call(remove, path(b, "/x"), { as: b.users.owner, method: "DELETE", params: { id } })).status).toBe(
      404,
    );
    expect(
      (await call(patch, path(a, "/x"), { as: b.users.owner, method: "PATCH", json: { muted: true }, params: { id } }))
        .status,
    ).toBe(404);
    const badTarget = await call(patch, path(a, "/x"), {
      as: a.users.owner,
      method: "PATCH",
      json: { target: "https://hooks.example/x" },
      params: { id },
    });
    expect([badTarget.status, badTarget.json.error.message]).toEqual([
      400,
      "target: must be an email address for an email channel",
    ]);
    expect((await call(remove, path(a, "/x"), { as: a.users.owner, method: "DELETE", params: { id } })).status).toBe(
      200,
    );
  });
});
