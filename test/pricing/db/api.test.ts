import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/key-store";
import { resetEnvForTests } from "@/lib/env";
import * as aliases from "@/app/api/v1/prices/aliases/route";
import * as catalog from "@/app/api/v1/prices/catalog/route";
import * as gpuRates from "@/app/api/v1/prices/gpu-rates/route";
import * as history from "@/app/api/v1/prices/history/route";
import * as overrideById from "@/app/api/v1/prices/overrides/[id]/route";
import * as overrides from "@/app/api/v1/prices/overrides/route";
import * as preview from "@/app/api/v1/prices/reprice/preview/route";
import * as reprice from "@/app/api/v1/prices/reprice/route";
import * as resolve from "@/app/api/v1/prices/resolve/route";
import * as unpriced from "@/app/api/v1/prices/unpriced/route";
import { addMember, newAccount } from "../../auth/fixtures";
import { useTestDatabase as setUpTestDatabase } from "../../support/database";
import { postEvents, usageEvent } from "../../ingest/support";
import { at, dayOf } from "./support";

const db = setUpTestDatabase();
const SECRET = randomBytes(32).toString("base64url");

type Handler = (req: NextRequest, context: { params: Promise<never> }) => Promise<Response>;
interface Caller {
  headers: Record<string, string>;
  query: string;
}

async function call(
  handler: Handler,
  caller: Caller,
  path: string,
  init: { method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const url = new URL(path, "http://localhost:3000");
  if (caller.query) url.searchParams.set("project", caller.query);
  const req = new NextRequest(url, {
    method: init.method ?? "GET",
    headers: { ...caller.headers, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const res = await handler(req, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
  return { status: res.status, json: res.status === 204 ? null : await res.json() };
}

interface Project {
  projectId: string;
  admin: Caller;
  read: Caller;
  ingestKey: string;
  owner: Caller;
  viewer: Caller;
  engineer: Caller;
}

async function sessionOf(userId: string, projectId: string): Promise<Caller> {
  const token = await encode({ token: { sub: userId }, secret: SECRET });
  return { headers: { cookie: `next-auth.session-token=${token}` }, query: projectId };
}

async function project(label: string): Promise<Project> {
  const account = await newAccount(label);
  const key = async (scopes: ("ingest" | "read" | "admin")[]) =>
    (
      await createApiKey(db.prisma, {
        orgId: account.orgId,
        projectId: account.projectId,
        name: scopes.join("+"),
        scopes,
        createdBy: null,
      })
    ).key;
  const bearer = (secret: string): Caller => ({ headers: { authorization: `Bearer ${secret}` }, query: "" });
  const viewer = await addMember(account.orgId, "viewer");
  const engineer = await addMember(account.orgId, "engineer");
  return {
    projectId: account.projectId,
    admin: bearer(await key(["admin"])),
    read: bearer(await key(["read"])),
    ingestKey: await key(["ingest"]),
    owner: await sessionOf(account.userId, account.projectId),
    viewer: await sessionOf(viewer.userId, account.projectId),
    engineer: await sessionOf(engineer.userId, account.projectId),
  };
}

let a: Project;
let b: Project;
beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  a = await project("alpha");
  b = await project("beta");
});

const override = (extra: Record<string, unknown> = {}) => ({
  provider: "openai",
  model: "gpt-4o",
  effective_from: "2020-01-01",
  usd_per_mtok: { input: "2", output: "8", cache_read: "1" },
  ...extra,
});

describe("GET /api/v1/prices/resolve", () => {
  it("answers the entry in force with its match steps, for a read key", async () => {
    const res = await call(resolve.GET, a.read, "/api/v1/prices/resolve?model=openai/gpt-4o-2024-08-06&at=2026-01-01");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      priced: true,
      provider: "openai",
      model: "gpt-4o-2024-08-06",
      match: ["provider_prefix"],
    });
    expect(res.json.entry.tiers.standard[0].usd_per_mtok.input).toMatch(/^\d/);
  });

  it("answers no price with near matches, never $0", async () => {
    const res = await call(resolve.GET, a.viewer, "/api/v1/prices/resolve?model=gpt-4o-mnii&provider=openai");
    expect(res.status).toBe(200);
    expect(res.json.priced).toBe(false);
    expect(res.json.reason).toBe("unknown_model");
    expect(res.json.suggestions).toContain("openai:gpt-4o-mini");
  });

  it("names the missing field", async () => {
    const res = await call(resolve.GET, a.read, "/api/v1/prices/resolve?provider=openai");
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/^model:/);
  });

  it("follows a project alias (an Azure deployment name) and the project's override", async () => {
    const created = await call(aliases.POST, a.admin, "/api/v1/prices/aliases", {
      method: "POST",
      body: { alias: "prod-chat-eu", provider: "azure", target_model: "gpt-4o", target_provider: "openai" },
    });
    expect(created.status).toBe(201);
    await call(overrides.POST, a.admin, "/api/v1/prices/overrides", {
      method: "POST",
      body: override({ markup_pct: "-10" }),
    });
    const res = await call(resolve.GET, a.read, "/api/v1/prices/resolve?model=prod-chat-eu&provider=azure");
    expect(res.json).toMatchObject({
      priced: true,
      provider: "openai",
      model: "gpt-4o",
      match: ["project_alias", "exact"],
      date_rule: "override_in_force",
    });
    expect(res.json.entry).toMatchObject({ scope: "project", markup_pct: "-10" });
    const other = await call(resolve.GET, b.read, "/api/v1/prices/resolve?model=prod-chat-eu&provider=azure");
    expect(other.json.priced).toBe(false);
  });

  it("keeps one alias per name whatever its case, letters beyond ASCII included", async () => {
    const create = (alias: string) =>
      call(aliases.POST, a.admin, "/api/v1/prices/aliases", {
        method: "POST",
        body: { alias, provider: "azure", target_model: "gpt-4o", target_provider: "openai" },
      });
    expect((await create("Modèle-Zürich")).status).toBe(201);
    const again = await create("MODÈLE-ZÜRICH");
    expect(again.status).toBe(409);
    expect(again.json.error.message).toMatch(/^alias: /);
  });
});

describe("overrides management API", () => {
  it("creates, reads, updates and deletes with the admin key or an engineer's session", async () => {
    const created = await call(overrides.POST, a.engineer, "/api/v1/prices/overrides", {
      method: "POST",
      body: override({ model: "my-finetune", provider: "openai", note: "ft of 4o-mini" }),
    });
    expect(created.status).toBe(201);
    const id = created.json.override.id;
    expect(created.json.override).toMatchObject({
      entry_id: `override:${id}`,
      usd_per_mtok: { input: "2", output: "8", cache_read: "1" },
    });
    const patched = await call(overrideById.PATCH, a.admin, `/api/v1/prices/overrides/${id}`, {
      method: "PATCH",
      body: { usd_per_mtok: { input: "0.3", output: "1.2" } },
      params: { id },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.override.usd_per_mtok).toEqual({ input: "0.3", output: "1.2" });
    const list = await call(overrides.GET, a.viewer, "/api/v1/prices/overrides");
    expect(list.json.overrides.map((row: { id: string }) => row.id)).toContain(id);
    const hist = await call(history.GET, a.read, "/api/v1/prices/history?provider=openai&model=my-finetune");
    expect(hist.json.entries).toHaveLength(1);
    expect(
      (await call(overrideById.DELETE, a.admin, `/api/v1/prices/overrides/${id}`, { method: "DELETE", params: { id } }))
        .status,
    ).toBe(204);
    expect((await call(overrideById.GET, a.admin, `/api/v1/prices/overrides/${id}`, { params: { id } })).status).toBe(
      404,
    );
  });

  it("answers 400 naming the field, and stores nothing", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [override({ usd_per_mtok: { input: "abc" } }), /usd_per_mtok\.input/],
      [override({ usd_per_mtok: { input: "0.0000000001" } }), /usd_per_mtok\.input: finer than/],
      [override({ usd_per_mtok: {} }), /usd_per_mtok/],
      [override({ effective_from: "yesterday" }), /effective_from/],
      [override({ effective_to: "2019-01-01" }), /effective_to: must be after/],
      [override({ markup_pct: "lots" }), /markup_pct/],
      [override({ model: "" }), /model/],
      [override({ colour: "red" }), /colour|unrecognized/i],
      [override({ tier_bands: { standard: [{ above: 0, usd_per_mtok: { input: "1" } }] } }), /tier_bands\.standard/],
      [override({ provider: "openai", model: "whisper-1" }), /model: whisper-1 is billed per second/],
      [override({ provider: "openai", model: "DALL-E-3" }), /model: DALL-E-3 is billed per image/],
    ];
    for (const [body, field] of cases) {
      const res = await call(overrides.POST, a.admin, "/api/v1/prices/overrides", { method: "POST", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("invalid_body");
      expect(res.json.error.message).toMatch(field);
    }
    const list = await call(overrides.GET, b.admin, "/api/v1/prices/overrides");
    expect(list.json.overrides).toEqual([]);
  });

  it("answers 403 to a read key and to a viewer's session", async () => {
    expect(
      (await call(overrides.POST, a.read, "/api/v1/prices/overrides", { method: "POST", body: override() })).status,
    ).toBe(403);
    const viewer = await call(overrides.POST, a.viewer, "/api/v1/prices/overrides", {
      method: "POST",
      body: override(),
    });
    expect(viewer.status).toBe(403);
    expect(viewer.json.error.message).toContain("viewer");
    expect(
      (
        await call(preview.POST, a.viewer, "/api/v1/prices/reprice/preview", {
          method: "POST",
          body: { from: dayOf(1), to: dayOf(0) },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(reprice.POST, a.read, "/api/v1/prices/reprice", {
          method: "POST",
          body: { from: dayOf(1), to: dayOf(0) },
        })
      ).status,
    ).toBe(403);
  });

  it("answers 404 for another tenant's override, and leaves it as it was", async () => {
    const theirs = await call(overrides.POST, b.admin, "/api/v1/prices/overrides", {
      method: "POST",
      body: override(),
    });
    const id = theirs.json.override.id;
    expect((await call(overrideById.GET, a.admin, `/api/v1/prices/overrides/${id}`, { params: { id } })).status).toBe(
      404,
    );
    expect(
      (
        await call(overrideById.PATCH, a.admin, `/api/v1/prices/overrides/${id}`, {
          method: "PATCH",
          body: { markup_pct: "50" },
          params: { id },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(overrideById.DELETE, a.owner, `/api/v1/prices/overrides/${id}`, { method: "DELETE", params: { id } }))
        .status,
    ).toBe(404);
    expect(
      (await call(overrideById.GET, a.admin, "/api/v1/prices/overrides/not-a-uuid", { params: { id: "not-a-uuid" } }))
        .status,
    ).toBe(404);
    const still = await call(overrideById.GET, b.admin, `/api/v1/prices/overrides/${id}`, { params: { id } });
    expect(still.json.override.markup_pct).toBeNull();
  });

  it("refuses a second GPU rate for the same type and start with 409", async () => {
    const body = { gpu_type: "H100", effective_from: "2026-01-01", usd_per_gpu_hour: "3.50" };
    expect((await call(gpuRates.POST, a.admin, "/api/v1/prices/gpu-rates", { method: "POST", body })).status).toBe(201);
    const again = await call(gpuRates.POST, a.admin, "/api/v1/prices/gpu-rates", { method: "POST", body });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toMatch(/^effective_from/);
    const bad = await call(gpuRates.POST, a.admin, "/api/v1/prices/gpu-rates", {
      method: "POST",
      body: { ...body, usd_per_gpu_hour: "-1" },
    });
    expect(bad.json.error.message).toMatch(/^usd_per_gpu_hour/);
  });
});

describe("catalog search, unpriced list and re-price through the API", () => {
  it("searches the catalog with pagination", async () => {
    const res = await call(catalog.GET, a.read, "/api/v1/prices/catalog?search=claude%20sonnet&limit=5");
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(5);
    expect(res.json.total).toBeGreaterThan(5);
    expect(
      res.json.items.every((item: { model: string }) => /claude/.test(item.model) && /sonnet/.test(item.model)),
    ).toBe(true);
    const page2 = await call(catalog.GET, a.read, "/api/v1/prices/catalog?search=claude%20sonnet&limit=5&page=2");
    expect(page2.json.items[0].id).not.toBe(res.json.items[0].id);
  });

  it("shows the unit prices of models billed per second or per image", async () => {
    const whisper = await call(catalog.GET, a.read, "/api/v1/prices/catalog?search=whisper-1&provider=openai&limit=5");
    const entry = whisper.json.items.find((item: { model: string }) => item.model === "whisper-1");
    expect(entry.usd_per_unit).toEqual({ second: "0.0001" });
    const dalle = await call(catalog.GET, a.read, "/api/v1/prices/catalog?search=dall-e-3&provider=openai&limit=5");
    const image = dalle.json.items.find((item: { model: string }) => item.model === "dall-e-3");
    expect(image.usd_per_unit["image:1024x1792:hd"]).toBe("0.12");
  });

  it("lists an unpriced model, then a preview and a run price it", async () => {
    await postEvents(a.ingestKey, {
      events: [
        usageEvent({
          occurred_at: at(1),
          provider: "acme-ai",
          model: "acme-llm-2",
          tokens: { input: 5_000, output: 500 },
        }),
      ],
    });
    const list = await call(unpriced.GET, a.read, "/api/v1/prices/unpriced");
    expect(list.json.models).toEqual([
      expect.objectContaining({ provider: "acme-ai", model: "acme-llm-2", unpriced_events: 1 }),
    ]);
    await call(overrides.POST, a.engineer, "/api/v1/prices/overrides", {
      method: "POST",
      body: override({ provider: "acme-ai", model: "acme-llm-2", usd_per_mtok: { input: "1", output: "2" } }),
    });
    const body = { from: dayOf(2), to: dayOf(0), model: "acme-llm-2" };
    const shown = await call(preview.POST, a.engineer, "/api/v1/prices/reprice/preview", { method: "POST", body });
    expect(shown.json.preview).toMatchObject({
      events_changed: 1,
      unpriced_after: 0,
      total_after: "0.006000000000000",
    });
    const ran = await call(reprice.POST, a.engineer, "/api/v1/prices/reprice", { method: "POST", body });
    expect(ran.status).toBe(200);
    expect(ran.json.run.events_changed).toBe(1);
    const runs = await call(reprice.GET, a.admin, "/api/v1/prices/reprice");
    expect(runs.json.runs[0]).toMatchObject({
      status: "succeeded",
      requested_via: "session",
      events_changed: 1,
      requested_by: expect.stringContaining("engineer"),
    });
    expect((await call(unpriced.GET, a.read, "/api/v1/prices/unpriced")).json.models).toEqual([]);
    const badPeriod = await call(preview.POST, a.admin, "/api/v1/prices/reprice/preview", {
      method: "POST",
      body: { from: dayOf(0), to: dayOf(3) },
    });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.json.error.message).toMatch(/^to:/);
  });
});
