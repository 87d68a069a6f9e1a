import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/key-store";
import { useTestDatabase } from "../support/database";
import { createTenant, getEventById, outcomeEvent, postEvents, usageEvent } from "./support";

const db = useTestDatabase();
const DAY = 24 * 60 * 60 * 1000;

describe("POST /api/v1/events: authentication", () => {
  it("answers 401 without a key, with an unknown key and with a revoked key", async () => {
    const tenant = await createTenant(db);
    const body = { events: [usageEvent()] };
    expect((await postEvents(null, body)).status).toBe(401);
    const unknown = await postEvents("ilk_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", body);
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.code).toBe("unauthorized");

    const revoked = await createApiKey(db.prisma, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      name: "old",
      scopes: ["ingest"],
      createdBy: null,
    });
    expect((await postEvents(revoked.key, body)).status).toBe(200);
    await db.prisma.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    expect((await postEvents(revoked.key, { events: [usageEvent()] })).status).toBe(401);
  });

  it("answers 403 to a key without the ingest scope", async () => {
    const tenant = await createTenant(db);
    const res = await postEvents(tenant.readKey, { events: [usageEvent()] });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("forbidden");
    expect(res.json.error.message).toContain("ingest");
  });
});

describe("POST /api/v1/events: limits", () => {
  it("refuses 1,001 events with 413 naming the limit, and stores none", async () => {
    const tenant = await createTenant(db);
    const events = Array.from({ length: 1001 }, () => usageEvent({ tokens: { input: 1 } }));
    const res = await postEvents(tenant.ingestKey, { events });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("payload_too_large");
    expect(res.json.error.message).toContain("1000 events");
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM event_ids WHERE project_id = $1", [
      tenant.projectId,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it("accepts exactly 1,000 events", async () => {
    const tenant = await createTenant(db);
    const res = await postEvents(tenant.ingestKey, { events: Array.from({ length: 1000 }, () => usageEvent()) });
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(1000);
  });

  it("refuses a body over 1 MB with 413", async () => {
    const tenant = await createTenant(db);
    const events = [usageEvent({ metadata: { big: "x".repeat(900) } })];
    const body = JSON.stringify({ events, padding: "y".repeat(1_000_001) });
    const res = await postEvents(tenant.ingestKey, null, { raw: body });
    expect(res.status).toBe(413);
    expect(res.json.error.message).toContain("1000000 bytes");
  });

  it("refuses a gzip bomb (small compressed, over 1 MB inflated) with 413", async () => {
    const tenant = await createTenant(db);
    const bomb = `{"events":[],"padding":"${"0".repeat(20_000_000)}"}`;
    const res = await postEvents(tenant.ingestKey, null, { raw: bomb, gzip: true });
    expect(gzipSync(bomb).length).toBeLessThan(100_000);
    expect(res.status).toBe(413);
  });

  it("accepts a gzip body", async () => {
    const tenant = await createTenant(db);
    const res = await postEvents(tenant.ingestKey, { events: [usageEvent(), outcomeEvent()] }, { gzip: true });
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(2);
  });

  it("answers 400 to invalid JSON and to a body without an events array", async () => {
    const tenant = await createTenant(db);
    const broken = await postEvents(tenant.ingestKey, null, { raw: '{"events": [' });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe("invalid_json");
    const shapeless = await postEvents(tenant.ingestKey, { items: [] });
    expect(shapeless.status).toBe(400);
    expect(shapeless.json.error.message).toContain("events");
  });
});

describe("POST /api/v1/events: per-event validation", () => {
  it("keeps the valid events of a partly bad batch and names the field of each rejection", async () => {
    const tenant = await createTenant(db);
    const events = [
      usageEvent(),
      usageEvent({ model: undefined }),
      usageEvent({ tokens: { input: -1 } }),
      usageEvent({ tokens: { inptu: 5 } }),
      "not an object",
      usageEvent({ occurred_at: "2026-11-20 12:00" }),
      usageEvent({ event_id: "" }),
      usageEvent({ event_id: "x".repeat(129) }),
      usageEvent({ customer: "c".repeat(201) }),
      usageEvent({ service_tier: "turbo" }),
      usageEvent({ metadata: { n: 5 } }),
      usageEvent({ usage: { prompt_tokens: 5, completion_tokens: 1 } }),
      { ...usageEvent(), type: "span" },
      outcomeEvent({ customer: undefined }),
      outcomeEvent(),
      usageEvent({ customer: "nul\u0000byte" }),
      usageEvent({ metadata: { k: "v\u0000" } }),
    ];
    const res = await postEvents(tenant.ingestKey, { events });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ accepted: 2, duplicates: 0, rejected: 15 });
    const byIndex = (i: number) => res.json.results[i];
    expect(byIndex(0)).toEqual({ index: 0, status: "accepted" });
    expect(byIndex(1)).toMatchObject({ status: "rejected", field: "model", reason: "required" });
    expect(byIndex(2)).toMatchObject({ status: "rejected", field: "tokens.input" });
    expect(byIndex(3)).toMatchObject({ status: "rejected", field: "tokens.inptu" });
    expect(byIndex(4)).toMatchObject({ status: "rejected", field: "(event)" });
    expect(byIndex(5)).toMatchObject({ status: "rejected", field: "occurred_at" });
    expect(byIndex(6)).toMatchObject({ status: "rejected", field: "event_id" });
    expect(byIndex(7)).toMatchObject({ status: "rejected", field: "event_id" });
    expect(byIndex(8)).toMatchObject({ status: "rejected", field: "customer" });
    expect(byIndex(9)).toMatchObject({ status: "rejected", field: "service_tier" });
    expect(byIndex(10)).toMatchObject({ status: "rejected", field: "metadata.n" });
    expect(byIndex(11)).toMatchObject({
      status: "rejected",
      field: "tokens",
      reason: "send either tokens or usage, not both",
    });
    expect(byIndex(12)).toMatchObject({ status: "rejected", field: "type" });
    expect(byIndex(13)).toMatchObject({ status: "rejected", field: "customer", reason: "required" });
    expect(byIndex(14)).toEqual({ index: 14, status: "accepted" });
    expect(byIndex(15)).toMatchObject({
      status: "rejected",
      field: "customer",
      reason: "must not contain NUL (\\u0000) characters",
    });
    expect(byIndex(16)).toMatchObject({ status: "rejected", field: "metadata.k" });
    for (const result of res.json.results) if (result.status === "rejected") expect(result.reason).toBeTruthy();

    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM event_ids WHERE project_id = $1", [
      tenant.projectId,
    ]);
    expect(rows[0].n).toBe(2);
  });

  it("rejects an event from more than 5 minutes in the future and accepts one 4 minutes ahead", async () => {
    const tenant = await createTenant(db);
    const now = Date.now();
    const res = await postEvents(tenant.ingestKey, {
      events: [
        usageEvent({ occurred_at: new Date(now + 6 * 60_000).toISOString() }),
        usageEvent({ occurred_at: new Date(now + 4 * 60_000).toISOString() }),
      ],
    });
    expect(res.json.results[0]).toMatchObject({
      status: "rejected",
      field: "occurred_at",
      reason: "more than 5 minutes in the future",
    });
    expect(res.json.results[1].status).toBe("accepted");
  });

  it("accepts late events up to 400 days old and rejects older ones", async () => {
    const tenant = await createTenant(db);
    const now = Date.now();
    const res = await postEvents(tenant.ingestKey, {
      events: [
        usageEvent({ occurred_at: new Date(now - 399 * DAY).toISOString() }),
        usageEvent({ occurred_at: new Date(now - 401 * DAY).toISOString() }),
        usageEvent({ occurred_at: "2026-01-01T09:30:00+05:30" }),
      ],
    });
    expect(res.json.results[0].status).toBe("accepted");
    expect(res.json.results[1]).toMatchObject({
      status: "rejected",
      field: "occurred_at",
      reason: "more than 400 days in the past",
    });
    expect(res.json.results[2].status).toBe("accepted");
  });

  it("normalises a provider's raw usage object into canonical token classes", async () => {
    const tenant = await createTenant(db);
    const anthropic = usageEvent({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      tokens: undefined,
      usage: { input_tokens: 2000, cache_read_input_tokens: 50000, output_tokens: 800 },
    });
    const openai = usageEvent({
      tokens: undefined,
      usage: {
        prompt_tokens: 3000,
        completion_tokens: 500,
        prompt_tokens_details: { cached_tokens: 1000 },
        completion_tokens_details: { reasoning_tokens: 200 },
      },
    });
    await postEvents(tenant.ingestKey, { events: [anthropic, openai] });
    const a = await getEventById(tenant.readKey, anthropic.event_id as string);
    expect(a.json.event.tokens).toEqual({ input: 2000, cache_read: 50000, output: 800 });
    const o = await getEventById(tenant.readKey, openai.event_id as string);
    expect(o.json.event.tokens).toEqual({ input: 2000, cache_read: 1000, output: 300, reasoning: 200 });
  });
});

describe("pricing at ingest", () => {
  it("prices a known model exactly, with per-class provenance on GET /api/v1/events/{id}", async () => {
    const tenant = await createTenant(db);
    const event = usageEvent({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      tokens: { input: 2000, cache_read: 50000, output: 800 },
    });
    await postEvents(tenant.ingestKey, { events: [event] });
    const res = await getEventById(tenant.readKey, event.event_id as string);
    expect(res.status).toBe(200);
    const cost = res.json.event.cost;
    // $3/Mtok input, $0.30/Mtok cache read, $15/Mtok output
    expect(cost).toMatchObject({
      source: "computed",
      total_usd: "0.033000000000000",
      token_usd: "0.033000000000000",
      gpu_usd: "0.000000000000000",
    });
    expect(cost.price_entry_id).toMatch(/^anthropic:claude-sonnet-4-5@/);
    expect(cost.provenance.classes.cache_read).toMatchObject({
      tokens: 50000,
      unit_usd: "0.000000300000000",
      cost_usd: "0.015000000000000",
      billed_as: "cache_read",
    });
    expect(cost.provenance.match).toEqual(["exact"]);
  });

  it("stores an unknown model as unpriced (never a silent $0) and counts it in usage_daily", async () => {
    const tenant = await createTenant(db);
    const event = usageEvent({ model: "totally-new-model-9000" });
    await postEvents(tenant.ingestKey, { events: [event, usageEvent()] });
    const res = await getEventById(tenant.readKey, event.event_id as string);
    expect(res.json.event.cost).toMatchObject({
      source: "unpriced",
      total_usd: null,
      token_usd: null,
      gpu_usd: null,
      price_entry_id: null,
    });
    expect(res.json.event.cost.provenance.reason).toBe("unknown_model");
    const { rows } = await db.pool.query(
      "SELECT model, events::int, unpriced_events::int FROM usage_daily WHERE project_id = $1 ORDER BY model",
      [tenant.projectId],
    );
    expect(rows).toEqual([
      { model: "gpt-4o", events: 1, unpriced_events: 0 },
      { model: "totally-new-model-9000", events: 1, unpriced_events: 1 },
    ]);
  });

  it("uses a client-reported cost only when we cannot price the event", async () => {
    const tenant = await createTenant(db);
    const unknown = usageEvent({ model: "in-house-model", cost_usd: "0.0123" });
    const known = usageEvent({ tokens: { input: 1000 }, cost_usd: "99" });
    const gpu = usageEvent({
      provider: "self-hosted",
      model: "llama-3.1-8b",
      tokens: { input: 5400, output: 230 },
      gpu: { seconds: 1.82, type: "H100", pool: "eu-1" },
    });
    await postEvents(tenant.ingestKey, { events: [unknown, known, gpu] });
    const u = (await getEventById(tenant.readKey, unknown.event_id as string)).json.event;
    expect(u.cost).toMatchObject({ source: "reported", total_usd: "0.012300000000000" });
    const k = (await getEventById(tenant.readKey, known.event_id as string)).json.event;
    expect(k.cost.source).toBe("computed");
    expect(k.cost.provenance.reported_usd).toBe("99.000000000000000");
    expect(k.cost.total_usd).not.toBe("99.000000000000000");
    const g = (await getEventById(tenant.readKey, gpu.event_id as string)).json.event;
    expect(g.gpu).toEqual({ seconds: "1.820000", type: "H100", pool: "eu-1" });
    expect(g.cost).toMatchObject({ source: "unpriced", gpu_usd: null, total_usd: null });
    expect(g.cost.provenance.reason).toBe("no_gpu_rate");
  });
});

describe("pricing at ingest with the project's prices", () => {
  it("prices GPU events from the project's GPU rate for the type in force", async () => {
    const tenant = await createTenant(db);
    await db.pool.query(
      "INSERT INTO gpu_rates (project_id, gpu_type, effective_from, usd_per_gpu_hour) VALUES ($1, 'H100', '2020-01-01', 3.60)",
      [tenant.projectId],
    );
    const event = usageEvent({
      provider: "self-hosted",
      model: "llama-3.1-8b",
      tokens: { input: 5400, output: 230 },
      gpu: { seconds: 1.82, type: "H100", pool: "eu-1" },
    });
    const other = usageEvent({ provider: "self-hosted", model: "llama-3.1-8b", gpu: { seconds: 2, type: "A10G" } });
    await postEvents(tenant.ingestKey, { events: [event, other] });
    const priced = (await getEventById(tenant.readKey, event.event_id as string)).json.event;
    // 1.82 s x $3.60 per GPU-hour = $0.00182
    expect(priced.cost).toMatchObject({
      source: "computed",
      gpu_usd: "0.001820000000000",
      token_usd: "0.000000000000000",
      total_usd: "0.001820000000000",
    });
    expect(priced.cost.price_entry_id).toMatch(/^gpu:H100@/);
    expect((await getEventById(tenant.readKey, other.event_id as string)).json.event.cost.source).toBe("unpriced");
    const { rows } = await db.pool.query(
      "SELECT sum(cost_gpu)::text AS gpu, sum(gpu_seconds)::text AS seconds, sum(unpriced_events)::int AS unpriced FROM usage_daily WHERE project_id = $1",
      [tenant.projectId],
    );
    expect(rows[0]).toEqual({ gpu: "0.001820000000000", seconds: "3.820000", unpriced: 1 });
  });

  it("prices with a project override before the catalog", async () => {
    const tenant = await createTenant(db);
    await db.pool.query(
      "INSERT INTO price_overrides (project_id, provider, model, effective_from, usd_per_mtok_input, usd_per_mtok_output) VALUES ($1, 'openai', 'gpt-4o', '2020-01-01', 1, 2)",
      [tenant.projectId],
    );
    const event = usageEvent({ tokens: { input: 1_000_000, output: 1_000_000 } });
    await postEvents(tenant.ingestKey, { events: [event] });
    const priced = (await getEventById(tenant.readKey, event.event_id as string)).json.event;
    expect(priced.cost).toMatchObject({ source: "computed", total_usd: "3.000000000000000" });
    expect(priced.cost.provenance.scope).toBe("project");
  });
});

describe("customers, features and outcomes", () => {
  it("creates customers and features on first sight and sets display names when sent", async () => {
    const tenant = await createTenant(db);
    await postEvents(tenant.ingestKey, {
      events: [usageEvent({ customer: "globex" }), usageEvent({ customer: "initech", feature: "search" })],
    });
    await postEvents(tenant.ingestKey, {
      events: [
        usageEvent({ customer: "globex", customer_name: "Globex Corp", feature: "search", feature_name: "Search" }),
      ],
    });
    const customers = await db.prisma.customer.findMany({
      where: { projectId: tenant.projectId },
      orderBy: { externalId: "asc" },
    });
    expect(customers.map((c) => [c.externalId, c.displayName])).toEqual([
      ["globex", "Globex Corp"],
      ["initech", null],
    ]);
    const features = await db.prisma.feature.findMany({
      where: { projectId: tenant.projectId },
      orderBy: { key: "asc" },
    });
    expect(features.map((f) => [f.key, f.displayName])).toEqual([
      ["search", "Search"],
      ["support-bot", null],
    ]);
  });

  it("stores outcome events and rolls them up", async () => {
    const tenant = await createTenant(db);
    const outcome = outcomeEvent({ quantity: 2, value: "1.5" });
    await postEvents(tenant.ingestKey, { events: [outcome, outcomeEvent({ value: 0.25 })] });
    const got = await getEventById(tenant.readKey, outcome.event_id as string);
    expect(got.json.event).toMatchObject({
      type: "outcome",
      outcome: "ticket_resolved",
      quantity: "2.000000",
      value: "1.500000000000000",
    });
    const { rows } = await db.pool.query(
      "SELECT events::int, quantity, value FROM outcome_daily WHERE project_id = $1",
      [tenant.projectId],
    );
    expect(rows).toEqual([{ events: 2, quantity: "3.000000", value: "1.750000000000000" }]);
  });
});

describe("GET /api/v1/events/{event_id}", () => {
  it("does not show another project's event (404) and needs the read scope", async () => {
    const a = await createTenant(db);
    const b = await createTenant(db);
    const event = usageEvent();
    await postEvents(b.ingestKey, { events: [event] });
    expect((await getEventById(b.readKey, event.event_id as string)).status).toBe(200);
    const other = await getEventById(a.readKey, event.event_id as string);
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBe("not_found");
    expect((await getEventById(b.ingestKey, event.event_id as string)).status).toBe(403);
  });
});
