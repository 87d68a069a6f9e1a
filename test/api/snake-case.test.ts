import { beforeAll, describe, expect, it } from "vitest";
import { GET as anomalies } from "@/app/api/v1/anomalies/route";
import { GET as anomalySeries } from "@/app/api/v1/anomalies/series/route";
import { PATCH as anomalyStatus } from "@/app/api/v1/anomalies/[id]/route";
import { POST as detect } from "@/app/api/v1/anomalies/detect/route";
import { GET as channels, POST as createChannel } from "@/app/api/v1/alert-channels/route";
import { GET as deliveries } from "@/app/api/v1/alert-channels/[id]/deliveries/route";
import { GET as preferences, PUT as setPreferences } from "@/app/api/v1/alert-preferences/route";
import { GET as budgets, POST as createBudget } from "@/app/api/v1/budgets/route";
import { GET as budget } from "@/app/api/v1/budgets/[id]/route";
import { GET as budgetStatus } from "@/app/api/v1/budgets/[id]/status/route";
import { GET as budgetCheck } from "@/app/api/v1/budgets/check/route";
import { GET as compare } from "@/app/api/v1/compare/route";
import { GET as costs } from "@/app/api/v1/costs/route";
import { GET as summary } from "@/app/api/v1/summary/route";
import { GET as timeseries } from "@/app/api/v1/timeseries/route";
import { GET as usageEvents } from "@/app/api/v1/usage-events/route";
import { GET as event } from "@/app/api/v1/events/[event_id]/route";
import { GET as aliases, POST as createAlias } from "@/app/api/v1/prices/aliases/route";
import { GET as catalog } from "@/app/api/v1/prices/catalog/route";
import { GET as gpuIdle, POST as computeGpuIdle } from "@/app/api/v1/prices/gpu-idle/route";
import { GET as gpuPools, POST as createGpuPool } from "@/app/api/v1/prices/gpu-pools/route";
import { GET as gpuPoolRules, PUT as setGpuPoolRule } from "@/app/api/v1/prices/gpu-pools/rules/route";
import { GET as gpuRates, POST as createGpuRate } from "@/app/api/v1/prices/gpu-rates/route";
import { POST as reprice } from "@/app/api/v1/prices/reprice/route";
import { POST as ingestEvents } from "@/app/api/v1/events/route";
import { PATCH as patchChannel } from "@/app/api/v1/alert-channels/[id]/route";
import { POST as testChannel } from "@/app/api/v1/alert-channels/[id]/test/route";
import { PATCH as patchBudget } from "@/app/api/v1/budgets/[id]/route";
import { createApiKey } from "@/lib/auth/key-store";
import { GET as priceHistory } from "@/app/api/v1/prices/history/route";
import { GET as overrides, POST as createOverride } from "@/app/api/v1/prices/overrides/route";
import { POST as repricePreview } from "@/app/api/v1/prices/reprice/preview/route";
import { GET as resolvePrice } from "@/app/api/v1/prices/resolve/route";
import { GET as unpriced } from "@/app/api/v1/prices/unpriced/route";
import {
  detectResponseSchema,
  listResponseSchema,
  seriesResponseSchema,
  statusResponseSchema,
} from "@/lib/anomalies/contracts";
import { seedDemoProject } from "@/lib/demo/seed-project";
import { resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../support/database";
import { call, createMarginTenant, SECRET, type MarginTenant } from "../margins/db/support";

/**
 * Every public JSON answer outside the margins domain speaks snake_case: the real answers of each
 * endpoint on a seeded project are walked key by key. Keys that are data (a metadata object's own
 * keys, a class-to-price map) are the client's words, not ours, and are skipped by path.
 */
const db = useTestDatabase();
const NOW = Date.parse("2026-11-25T12:00:00Z");
let t: MarginTenant;
let day: string;
let ingestKey: string;

const SNAKE = /^[a-z0-9]+(_[a-z0-9]+)*$/;
/** Objects whose keys are values the client chose (event metadata), not field names. */
const DATA_KEYS = [/\.metadata$/];

function camelKeys(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => camelKeys(item, `${path}[${i}]`).slice(0, 50));
  if (value === null || typeof value !== "object") return [];
  if (DATA_KEYS.some((pattern) => pattern.test(path))) return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(SNAKE.test(key) ? [] : [`${path}.${key}`]),
    ...camelKeys(inner, `${path}.${key}`),
  ]);
}

/** The distinct offending key paths, array indexes folded, so one answer lists each field once. */
const distinct = (paths: string[]) => [...new Set(paths.map((p) => p.replace(/\[\d+\]/g, "[]")))];

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  t = await createMarginTenant(db);
  await seedDemoProject(db.pool, t.projectId, { days: 35, eventsPerDay: 40, now: NOW });
  day = "2026-11-24";
  ingestKey = (
    await createApiKey(db.prisma, {
      orgId: t.orgId,
      projectId: t.projectId,
      name: "ingest",
      scopes: ["ingest"],
      createdBy: null,
    })
  ).key;
}, 600_000);

describe("every public JSON answer is snake_case", () => {
  it("walks each endpoint's real answer", async () => {
    const p = `project=${t.projectId}`;
    const range = `from=2026-11-01&to=${day}`;
    const owner = t.users.owner;
    const created = {
      budget: await call(createBudget, `/api/v1/budgets?${p}`, {
        as: owner,
        json: { name: "All", period: "month", amount: "10.00" },
      }),
      channel: await call(createChannel, `/api/v1/alert-channels?${p}`, {
        as: owner,
        json: { kind: "email", name: "Finance", target: "finance@example.com" },
      }),
      preference: await call(setPreferences, `/api/v1/alert-preferences?${p}`, {
        as: owner,
        method: "PUT",
        json: { budget_alerts: true, anomaly_min_severity: "medium" },
      }),
      alias: await call(createAlias, `/api/v1/prices/aliases?${p}`, {
        as: owner,
        json: { alias: "my-gpt", target_model: "gpt-4o" },
      }),
      override: await call(createOverride, `/api/v1/prices/overrides?${p}`, {
        as: owner,
        json: {
          provider: "openai",
          model: "gpt-4o",
          effective_from: "2026-11-01T00:00:00Z",
          usd_per_mtok: { input: "2", output: "8" },
        },
      }),
    };
    const list = await call(anomalies, `/api/v1/anomalies?${p}`, { as: owner });
    const first = list.json.anomalies[0];
    expect(first, "the seeded project has anomalies").toBeDefined();
    const seriesId = first.series_id;
    const budgetId = created.budget.json.budget.id;
    const channelId = created.channel.json.channel.id;
    const events = await call(usageEvents, `/api/v1/usage-events?${p}&${range}`, { as: owner });
    const eventId = events.json.events[0].event_id;
    const answers = {
      ...created,
      anomalies: list,
      anomaly_series: await call(
        anomalySeries,
        `/api/v1/anomalies/series?${p}&series=${encodeURIComponent(seriesId)}`,
        {
          as: owner,
        },
      ),
      anomaly_status: await call(anomalyStatus, `/api/v1/anomalies/x?${p}`, {
        as: owner,
        method: "PATCH",
        json: { status: "acknowledged" },
        params: { id: first.id },
      }),
      detect: await call(detect, `/api/v1/anomalies/detect?${p}`, { as: owner, method: "POST" }),
      channels: await call(channels, `/api/v1/alert-channels?${p}`, { as: owner }),
      deliveries: await call(deliveries, `/api/v1/alert-channels/x/deliveries?${p}`, {
        as: owner,
        params: { id: channelId },
      }),
      preferences: await call(preferences, `/api/v1/alert-preferences?${p}`, { as: owner }),
      budgets: await call(budgets, `/api/v1/budgets?${p}`, { as: owner }),
      budget_detail: await call(budget, `/api/v1/budgets/x?${p}`, { as: owner, params: { id: budgetId } }),
      budget_status: await call(budgetStatus, `/api/v1/budgets/x/status?${p}`, { as: owner, params: { id: budgetId } }),
      budget_check: await call(budgetCheck, `/api/v1/budgets/check?${p}&customer=acme`, { as: owner }),
      summary: await call(summary, `/api/v1/summary?${p}&${range}`, { as: owner }),
      costs: await call(costs, `/api/v1/costs?${p}&${range}&group_by=feature`, { as: owner }),
      timeseries: await call(timeseries, `/api/v1/timeseries?${p}&${range}`, { as: owner }),
      compare: await call(compare, `/api/v1/compare?${p}&${range}&target_model=gpt-4o-mini`, { as: owner }),
      usage_events: events,
      event: await call(event, `/api/v1/events/x?${p}`, { as: owner, params: { event_id: eventId } }),
      aliases: await call(aliases, `/api/v1/prices/aliases?${p}`, { as: owner }),
      catalog: await call(catalog, `/api/v1/prices/catalog?${p}&q=gpt`, { as: owner }),
      gpu_idle: await call(gpuIdle, `/api/v1/prices/gpu-idle?${p}&${range}`, { as: owner }),
      gpu_pools: await call(gpuPools, `/api/v1/prices/gpu-pools?${p}`, { as: owner }),
      gpu_pool_rules: await call(gpuPoolRules, `/api/v1/prices/gpu-pools/rules?${p}`, { as: owner }),
      gpu_rates: await call(gpuRates, `/api/v1/prices/gpu-rates?${p}`, { as: owner }),
      price_history: await call(priceHistory, `/api/v1/prices/history?${p}&provider=openai&model=gpt-4o`, {
        as: owner,
      }),
      overrides: await call(overrides, `/api/v1/prices/overrides?${p}`, { as: owner }),
      reprice_preview: await call(repricePreview, `/api/v1/prices/reprice/preview?${p}`, {
        as: owner,
        json: { from: "2026-11-01", to: day },
      }),
      budget_patch: await call(patchBudget, `/api/v1/budgets/x?${p}`, {
        as: owner,
        method: "PATCH",
        json: { muted: true },
        params: { id: budgetId },
      }),
      channel_patch: await call(patchChannel, `/api/v1/alert-channels/x?${p}`, {
        as: owner,
        method: "PATCH",
        json: { muted: true },
        params: { id: channelId },
      }),
      channel_test: await call(testChannel, `/api/v1/alert-channels/x/test?${p}`, {
        as: owner,
        method: "POST",
        params: { id: channelId },
      }),
      gpu_rate_create: await call(createGpuRate, `/api/v1/prices/gpu-rates?${p}`, {
        as: owner,
        json: { gpu_type: "A100", effective_from: "2026-11-01T00:00:00Z", usd_per_gpu_hour: "1.20" },
      }),
      gpu_pool_create: await call(createGpuPool, `/api/v1/prices/gpu-pools?${p}`, {
        as: owner,
        json: { name: "us-1", gpu_type: "A100", gpu_count: 2, effective_from: "2026-11-01T00:00:00Z" },
      }),
      gpu_pool_rule: await call(setGpuPoolRule, `/api/v1/prices/gpu-pools/rules?${p}`, {
        as: owner,
        method: "PUT",
        json: { pool: "eu-1", idle_rule: "overhead" },
      }),
      gpu_idle_compute: await call(computeGpuIdle, `/api/v1/prices/gpu-idle?${p}`, {
        as: owner,
        json: { from: "2026-11-01", to: day },
      }),
      reprice: await call(reprice, `/api/v1/prices/reprice?${p}`, { as: owner, json: { from: "2026-11-20", to: day } }),
      ingest: await call(ingestEvents, "/api/v1/events", {
        key: ingestKey,
        json: {
          events: [
            {
              type: "usage",
              event_id: "snake-1",
              occurred_at: `${day}T10:00:00Z`,
              provider: "openai",
              model: "gpt-4o",
            },
            { type: "usage", event_id: "snake-2" },
          ],
        },
      }),
      resolve: await call(resolvePrice, `/api/v1/prices/resolve?${p}&provider=openai&model=gpt-4o`, { as: owner }),
      unpriced: await call(unpriced, `/api/v1/prices/unpriced?${p}&${range}`, { as: owner }),
    };
    const found: Record<string, string[]> = {};
    for (const [name, answer] of Object.entries(answers)) {
      expect([name, answer.status < 300 ? "ok" : answer.text]).toEqual([name, "ok"]);
      const keys = distinct(camelKeys(answer.json));
      if (keys.length) found[name] = keys;
    }
    expect(found).toEqual({});
    // The client parses these answers with the same wire schemas.
    listResponseSchema.parse(answers.anomalies.json);
    seriesResponseSchema.parse(answers.anomaly_series.json);
    statusResponseSchema.parse(answers.anomaly_status.json);
    expect(detectResponseSchema.parse(answers.detect.json)).toMatchObject({ ran: true, project_id: t.projectId });
  }, 300_000);
});

describe("a camelCase field in a request body", () => {
  it("is refused with a 400 that names it, and changes nothing", async () => {
    const p = `project=${t.projectId}`;
    const owner = t.users.owner;
    const list = await call(anomalies, `/api/v1/anomalies?${p}`, { as: owner });
    const anomalyId = list.json.anomalies[0].id;
    const budgetId = (
      await call(createBudget, `/api/v1/budgets?${p}`, {
        as: owner,
        json: { name: "Refusals", period: "month", amount: "10.00" },
      })
    ).json.budget.id;
    const refusals = {
      statusChangedBy: await call(anomalyStatus, `/api/v1/anomalies/x?${p}`, {
        as: owner,
        method: "PATCH",
        json: { status: "muted", statusChangedBy: "me" },
        params: { id: anomalyId },
      }),
      actualThresholds: await call(createBudget, `/api/v1/budgets?${p}`, {
        as: owner,
        json: { name: "B", period: "month", amount: "10", actualThresholds: [50] },
      }),
      costBasis: await call(patchBudget, `/api/v1/budgets/x?${p}`, {
        as: owner,
        method: "PATCH",
        json: { costBasis: "usage" },
        params: { id: budgetId },
      }),
      budgetAlerts: await call(createChannel, `/api/v1/alert-channels?${p}`, {
        as: owner,
        json: { kind: "email", name: "C", target: "c@example.com", budgetAlerts: false },
      }),
      anomalyMinSeverity: await call(setPreferences, `/api/v1/alert-preferences?${p}`, {
        as: owner,
        method: "PUT",
        json: { budget_alerts: true, anomalyMinSeverity: "high" },
      }),
      effectiveFrom: await call(createOverride, `/api/v1/prices/overrides?${p}`, {
        as: owner,
        json: {
          provider: "openai",
          model: "gpt-4o",
          effectiveFrom: "2026-11-01T00:00:00Z",
          usd_per_mtok: { input: "1" },
        },
      }),
      targetModel: await call(createAlias, `/api/v1/prices/aliases?${p}`, {
        as: owner,
        json: { alias: "x", targetModel: "gpt-4o" },
      }),
      gpuType: await call(createGpuRate, `/api/v1/prices/gpu-rates?${p}`, {
        as: owner,
        json: { gpuType: "A100", effective_from: "2026-11-01T00:00:00Z", usd_per_gpu_hour: "1" },
      }),
      idleRule: await call(setGpuPoolRule, `/api/v1/prices/gpu-pools/rules?${p}`, {
        as: owner,
        method: "PUT",
        json: { pool: "eu-1", idleRule: "overhead" },
      }),
    };
    for (const [field, answer] of Object.entries(refusals)) {
      expect([field, answer.status, answer.json.error.code]).toEqual([field, 400, "invalid_body"]);
      expect(answer.json.error.message).toContain(`"${field}"`);
    }
    // Ingestion answers per event: the event with a camelCase field is rejected by name, not stored.
    const event = { type: "usage", event_id: "camel-1", occurred_at: `${day}T10:00:00Z`, provider: "openai" };
    const ingested = await call(ingestEvents, "/api/v1/events", {
      key: ingestKey,
      json: { events: [{ ...event, model: "gpt-4o", serviceTier: "batch" }] },
    });
    expect(ingested.json.results[0]).toMatchObject({ status: "rejected", field: "serviceTier" });
    const stored = await db.pool.query("SELECT 1 FROM usage_events WHERE project_id = $1 AND event_id = 'camel-1'", [
      t.projectId,
    ]);
    expect(stored.rowCount).toBe(0);
    const after = await call(anomalies, `/api/v1/anomalies?${p}`, { as: owner });
    expect(after.json.anomalies[0]).toMatchObject({ id: anomalyId, status: list.json.anomalies[0].status });
  });
});
