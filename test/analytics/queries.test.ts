import { describe, expect, it } from "vitest";
import { OTHER_KEY } from "@/lib/analytics/contracts";
import { resolvePeriod } from "@/lib/analytics/period";
import { getCostBreakdown } from "@/lib/analytics/queries/get-cost-breakdown";
import { getCounterfactual } from "@/lib/analytics/queries/get-counterfactual";
import { getSummary } from "@/lib/analytics/queries/get-summary";
import { getTimeseries } from "@/lib/analytics/queries/get-timeseries";
import { projectHasEvents } from "@/lib/analytics/queries/project-has-events";
import { useTestDatabase } from "../support/database";
import { createTenant, dayAt, ingest, usage } from "./support";

const db = useTestDatabase();
const now = new Date("2026-11-20T18:00:00Z");
const period = (from: string, to: string) => resolvePeriod({ from, to }, "UTC", now);

async function fixture() {
  const tenant = await createTenant(db);
  await ingest(
    db,
    tenant.projectId,
    [
      // previous period (Nov 10-14): $2.50
      usage({
        occurred_at: dayAt("2026-11-12"),
        customer: "acme",
        feature: "support-bot",
        model: "gpt-4o",
        tokens: { input: 1_000_000 },
      }),
      // current period (Nov 15-19)
      usage({
        occurred_at: dayAt("2026-11-15"),
        customer: "acme",
        feature: "support-bot",
        model: "gpt-4o",
        tokens: { input: 1_000_000, cache_read: 1_000_000 },
        latency_ms: 100,
      }),
      usage({
        occurred_at: dayAt("2026-11-17"),
        customer: "acme",
        feature: "support-bot",
        model: "gpt-4o",
        tokens: { input: 1_000_000, output: 100_000 },
        latency_ms: 1000,
        status: "error",
      }),
      usage({
        occurred_at: dayAt("2026-11-17"),
        customer: "globex",
        feature: "summarize",
        model: "gpt-4o-mini",
        tokens: { input: 2_000_000 },
        latency_ms: 10,
      }),
      usage({
        occurred_at: dayAt("2026-11-19"),
        customer: "initech",
        feature: "search",
        provider: "anthropic",
        model: "claude-sonnet-4-5",
        tokens: { input: 200_000 },
      }),
      usage({
        occurred_at: dayAt("2026-11-19"),
        customer: "initech",
        feature: "search",
        provider: "acme-labs",
        model: "house-model-9",
        tokens: { input: 5 },
      }),
    ],
    now.getTime(),
  );
  return tenant;
}

describe("analytics queries on a hand-made fixture", () => {
  it("a project has events once its first usage event is ingested, and not before", async () => {
    const empty = await createTenant(db);
    expect(await projectHasEvents(db.pool, empty.projectId)).toBe(false);
    const { projectId } = await fixture();
    expect(await projectHasEvents(db.pool, projectId)).toBe(true);
  });

  it("summary: spend, change against the previous period, unpriced models and top lists", async () => {
    const { projectId } = await fixture();
    const summary = await getSummary(db.pool, { projectId, period: period("2026-11-15", "2026-11-19"), filters: {} });
    // gpt-4o: 2.5 + 1.25 (cache read $1.25/M) = 3.75 and 2.5 + 1.0 = 3.5; gpt-4o-mini 0.30; sonnet 0.60
    expect(summary.spend).toBe("8.15");
    expect(summary.previous_spend).toBe("2.50");
    expect(summary.change_pct).toBe(226);
    expect(summary.requests).toBe(5);
    expect(summary.error_events).toBe(1);
    expect(summary.unpriced).toEqual({
      events: 1,
      models: [{ provider: "acme-labs", model: "house-model-9", events: 1 }],
    });
    expect(summary.top.customers.map((item) => [item.key, item.spend])).toEqual([
      ["acme", "7.25"],
      ["initech", "0.60"],
      ["globex", "0.30"],
    ]);
    expect(summary.top.models[0]).toMatchObject({ key: "gpt-4o", provider: "openai", spend: "7.25" });
    expect(summary.gpu.idle_share).toBeNull();
    expect(summary.gpu.idle_reason).toBeTruthy();
  });

  it("costs by model: cost per request, cache hit rate, error rate, latency percentiles and totals", async () => {
    const { projectId } = await fixture();
    const result = await getCostBreakdown(db.pool, {
      projectId,
      period: period("2026-11-15", "2026-11-19"),
      groupBy: "model",
      filters: {},
    });
    const gpt4o = result.rows.find((row) => row.key === "gpt-4o")!;
    expect(gpt4o).toMatchObject({
      provider: "openai",
      spend: "7.25",
      requests: 2,
      error_events: 1,
      error_rate: 0.5,
      cost_per_request: "3.625",
      previous_spend: "2.50",
      change_pct: 190,
    });
    expect(gpt4o.cache_hit_rate).toBeCloseTo(1 / 3, 10);
    expect(gpt4o.latency.count).toBe(2);
    expect(gpt4o.latency.mean_ms).toBe(550);
    // Bucket middles: 100 ms -> 10^(16.5/8) ~ 115.5 ms; 1000 ms -> 10^(24.5/8) ~ 1154.8 ms
    expect(gpt4o.latency.p50_ms).toBeCloseTo(115.5, 0);
    expect(gpt4o.latency.p95_ms).toBeCloseTo(1154.8, 0);
    expect(result.rows.map((row) => row.key)).toEqual(["gpt-4o", "claude-sonnet-4-5", "gpt-4o-mini", "house-model-9"]);
    expect(result.totals).toMatchObject({
      key: "total",
      spend: "8.15",
      requests: 5,
      unpriced_events: 1,
      previous_spend: "2.50",
    });
    expect(result.totals.latency.count).toBe(3);
  });

  it("costs by day lists only days with data and never a previous spend", async () => {
    const { projectId } = await fixture();
    const result = await getCostBreakdown(db.pool, {
      projectId,
      period: period("2026-11-15", "2026-11-19"),
      groupBy: "day",
      filters: { feature: ["support-bot"] },
    });
    expect(result.rows.map((row) => [row.key, row.spend, row.previous_spend])).toEqual([
      ["2026-11-15", "3.75", null],
      ["2026-11-17", "3.50", null],
    ]);
  });

  it("timeseries: top N plus other, explicit zeros and the days that had events", async () => {
    const { projectId } = await fixture();
    const result = await getTimeseries(db.pool, {
      projectId,
      period: period("2026-11-15", "2026-11-19"),
      stackBy: "customer",
      top: 1,
      filters: {},
    });
    expect(result.days).toEqual(["2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19"]);
    expect(result.active_days).toEqual(["2026-11-15", "2026-11-17", "2026-11-19"]);
    expect(result.series.map((series) => [series.key, series.is_other, series.spend])).toEqual([
      ["acme", false, ["3.75", "0.00", "3.50", "0.00", "0.00"]],
      [OTHER_KEY, true, ["0.00", "0.00", "0.30", "0.00", "0.60"]],
    ]);
    expect(result.total_requests).toEqual([1, 0, 2, 0, 2]);
  });

  it("counterfactual: a cheaper model shows the saving, and nothing is written", async () => {
    const { projectId } = await fixture();
    const before = await db.pool.query("SELECT sum(cost_total)::text AS total FROM usage_daily WHERE project_id = $1", [
      projectId,
    ]);
    const result = await getCounterfactual(db.pool, {
      projectId,
      period: period("2026-11-15", "2026-11-19"),
      dimension: "feature",
      key: "support-bot",
      targetModel: "gpt-4o-mini",
      priceDate: "each_day",
      filters: {},
    });
    // gpt-4o-mini: $0.15/M input, $0.075/M cache read, $0.60/M output
    // day 15: 0.15 + 0.075 = 0.225; day 17: 0.15 + 0.06 = 0.21
    expect(result).toMatchObject({ actual: "7.25", counterfactual: "0.435", saving: "6.815", requests: 2 });
    expect(result.target).toMatchObject({ provider: "openai", model: "gpt-4o-mini" });
    expect(result.saving_share).toBeCloseTo(0.94, 2);
    expect(result.by_day).toEqual([
      { day: "2026-11-15", actual: "3.75", counterfactual: "0.225" },
      { day: "2026-11-17", actual: "3.50", counterfactual: "0.21" },
    ]);
    const after = await db.pool.query("SELECT sum(cost_total)::text AS total FROM usage_daily WHERE project_id = $1", [
      projectId,
    ]);
    expect(after.rows).toEqual(before.rows);
  });

  it("counterfactual leaves unpriced usage out of both sides", async () => {
    const { projectId } = await fixture();
    const result = await getCounterfactual(db.pool, {
      projectId,
      period: period("2026-11-15", "2026-11-19"),
      dimension: "customer",
      key: "initech",
      targetModel: "claude-haiku-4-5",
      priceDate: "current",
      filters: {},
    });
    expect(result).toMatchObject({ actual: "0.60", counterfactual: "0.20", saving: "0.40", excluded: { requests: 1 } });
  });
});
