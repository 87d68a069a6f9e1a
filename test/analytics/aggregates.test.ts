import { describe, expect, it } from "vitest";
import { GROUP_BYS } from "@/lib/analytics/contracts";
import { resolvePeriod } from "@/lib/analytics/period";
import { getCostBreakdown } from "@/lib/analytics/queries/get-cost-breakdown";
import { getSummary } from "@/lib/analytics/queries/get-summary";
import { getTimeseries } from "@/lib/analytics/queries/get-timeseries";
import type { SourceMode } from "@/lib/analytics/sql";
import { measureIndex, parseScaled } from "@/lib/rollups/measures";
import { applyDeltas, dailyRowsAsDeltas, removeDailyRows } from "../rollups/support";
import { useTestDatabase } from "../support/database";
import { prng } from "../fuzz/random";
import { createTenant, ingest, usage } from "./support";

const db = useTestDatabase();
const MODES: SourceMode[] = ["levels", "daily", "raw"];
const FEATURES = ["support-bot", "summarize", "search"];
const MODELS = [
  ["openai", "gpt-4o"],
  ["anthropic", "claude-sonnet-4-5"],
  ["google", "gemini-2.5-flash"],
  ["acme-labs", "my-finetune-7b"],
] as const;

function randomEvents(count: number, seed: number, now: number): Record<string, unknown>[] {
  const random = prng(seed);
  return Array.from({ length: count }, () => {
    const [provider, model] = MODELS[Math.floor(random() * MODELS.length)]!;
    const gpu = random() < 0.1;
    return usage({
      occurred_at: new Date(now - Math.floor(random() * 20 * 86_400_000)).toISOString(),
      customer: random() < 0.05 ? undefined : `cust-${Math.floor(random() * 12)}`,
      feature: FEATURES[Math.floor(random() * FEATURES.length)],
      provider: gpu ? "self-hosted" : provider,
      model: gpu ? "llama-3.1-8b" : model,
      tokens: {
        input: Math.floor(random() * 5000),
        cache_read: Math.floor(random() * 20000),
        output: Math.floor(random() * 800),
        reasoning: Math.floor(random() * 300),
      },
      ...(gpu
        ? {
            gpu: { seconds: Math.round(random() * 3_000_000) / 1e6, type: "H100", pool: "eu-1" },
            cost_usd: (random() / 100).toFixed(9),
          }
        : {}),
      ...(random() < 0.9 ? { latency_ms: Math.floor(random() ** 3 * 20_000) } : {}),
      status: random() < 0.04 ? "error" : "ok",
    });
  });
}

async function allAnswers(projectId: string, mode: SourceMode, now: Date) {
  const period = resolvePeriod({ range: "30d" }, "America/New_York", now);
  const filtered = { feature: ["summarize", "search"], model: ["gpt-4o", "my-finetune-7b", "llama-3.1-8b"] };
  return {
    summary: await getSummary(db.pool, { projectId, period, filters: {}, source: mode }),
    summaryFiltered: await getSummary(db.pool, { projectId, period, filters: filtered, source: mode }),
    costs: await Promise.all(
      GROUP_BYS.map((groupBy) => getCostBreakdown(db.pool, { projectId, period, groupBy, filters: {}, source: mode })),
    ),
    costsFiltered: await Promise.all(
      GROUP_BYS.map((groupBy) =>
        getCostBreakdown(db.pool, { projectId, period, groupBy, filters: filtered, source: mode }),
      ),
    ),
    byCustomer: await getTimeseries(db.pool, {
      projectId,
      period,
      stackBy: "customer",
      top: 4,
      filters: {},
      source: mode,
    }),
    byModel: await getTimeseries(db.pool, {
      projectId,
      period,
      stackBy: "model",
      top: 2,
      filters: { customer: ["cust-1", "cust-2"] },
      source: mode,
    }),
  };
}

async function expectAllPathsAgree(projectId: string, now: Date) {
  const [levels, daily, raw] = await Promise.all(MODES.map((mode) => allAnswers(projectId, mode, now)));
  expect(daily).toEqual(raw);
  expect(levels).toEqual(raw);
  return raw!;
}

describe("rollup aggregates equal sums over raw events", () => {
  const now = Date.now();

  it("after ingest, duplicates, late events, re-pricing and deletion, on every rollup level", async () => {
    const tenant = await createTenant(db, "America/New_York");
    const events = randomEvents(1500, 7, now);
    for (let i = 0; i < events.length; i += 500) await ingest(db, tenant.projectId, events.slice(i, i + 500), now);

    const first = await expectAllPathsAgree(tenant.projectId, new Date(now));
    expect(first.summary.requests).toBeGreaterThan(1000);
    expect(first.summary.unpriced.models.map((m) => m.model)).toContain("my-finetune-7b");

    // Retried batches: every event counted once.
    const again = await ingest(db, tenant.projectId, events.slice(100, 700), now);
    expect(again.duplicates).toBe(600);
    const afterDuplicates = await expectAllPathsAgree(tenant.projectId, new Date(now));
    expect(afterDuplicates).toEqual(first);

    // Late events land on their own (old) days.
    const late = randomEvents(200, 11, now - 15 * 86_400_000);
    await ingest(db, tenant.projectId, late, now);
    const afterLate = await expectAllPathsAgree(tenant.projectId, new Date(now));
    expect(afterLate.summary.requests).toBeGreaterThan(first.summary.requests);
    expect(afterLate.summary.requests).toBeLessThanOrEqual(first.summary.requests + late.length);

    // Re-pricing as a set-based UPDATE of events and deltas to the rollups (as the re-pricing job does).
    await reprice(tenant.projectId, "my-finetune-7b", "0.000001");
    const afterReprice = await expectAllPathsAgree(tenant.projectId, new Date(now));
    expect(afterReprice.summary.unpriced.models.map((m) => m.model)).not.toContain("my-finetune-7b");
    expect(afterReprice.summary.spend).not.toBe(afterLate.summary.spend);

    // Deleting rollup rows (e.g. retention) keeps the levels in step too.
    await db.pool.query("DELETE FROM usage_events WHERE project_id = $1 AND feature = 'search'", [tenant.projectId]);
    await removeDailyRows(db.pool, tenant.projectId, "feature = 'search'");
    const afterDelete = await expectAllPathsAgree(tenant.projectId, new Date(now));
    expect(afterDelete.costs.find((c) => c.group_by === "feature")!.rows.map((r) => r.key)).not.toContain("search");
  });

  it("keeps the smaller rollup levels equal to usage_daily grouped, histograms included", async () => {
    const { rows } = await db.pool.query(`
      SELECT count(*)::int AS mismatches FROM (
        (SELECT project_id, day, feature, provider, model, sum(events) e, sum(cost_total) c, sum(latency_count) l FROM usage_daily GROUP BY 1,2,3,4,5
         EXCEPT SELECT project_id, day, feature, provider, model, events, cost_total, latency_count FROM usage_daily_model WHERE events > 0)
        UNION ALL
        (SELECT project_id, day, customer, NULL, NULL, sum(events), sum(cost_total), sum(latency_count) FROM usage_daily GROUP BY 1,2,3
         EXCEPT SELECT project_id, day, customer, NULL, NULL, events, cost_total, latency_count FROM usage_daily_customer WHERE events > 0)
      ) AS diff`);
    expect(rows[0].mismatches).toBe(0);
    const histograms = await db.pool.query(`
      SELECT (SELECT count(*)::int FROM usage_daily_model m
               WHERE m.events > 0 AND m.latency_histogram_packed IS DISTINCT FROM (
                 SELECT sum(d.latency_histogram_packed) FROM usage_daily d
                  WHERE d.project_id = m.project_id AND d.day = m.day AND d.feature = m.feature AND d.provider = m.provider AND d.model = m.model))
           + (SELECT count(*)::int FROM usage_daily_customer c
               WHERE c.events > 0 AND c.latency_histogram_packed IS DISTINCT FROM (
                 SELECT sum(d.latency_histogram_packed) FROM usage_daily d
                  WHERE d.project_id = c.project_id AND d.day = c.day AND d.customer = c.customer)) AS mismatches`);
    expect(histograms.rows[0].mismatches).toBe(0);
  });
});

/** Re-prices a model's unpriced events at a flat price per token, events and rollups, as a writer other than ingestion. */
async function reprice(projectId: string, model: string, perToken: string) {
  await db.pool.query(
    `UPDATE usage_events SET cost_token = (tokens_input + tokens_cache_read + tokens_output + tokens_reasoning) * $3::numeric,
       cost_total = (tokens_input + tokens_cache_read + tokens_output + tokens_reasoning) * $3::numeric, cost_source = 'computed'
     WHERE project_id = $1 AND model = $2 AND cost_source = 'unpriced'`,
    [projectId, model, perToken],
  );
  const price = parseScaled(perToken, 15);
  const rows = await dailyRowsAsDeltas(db.pool, projectId, `model = '${model}'`);
  await applyDeltas(
    db.pool,
    projectId,
    rows.map((row) => {
      const tokens = ["tokens_input", "tokens_cache_read", "tokens_output", "tokens_reasoning"].reduce(
        (sum, column) => sum + row.values[measureIndex(column)]!,
        0n,
      );
      const values = row.values.map(() => 0n);
      values[measureIndex("cost_token")] = tokens * price - row.values[measureIndex("cost_token")]!;
      values[measureIndex("cost_total")] = tokens * price - row.values[measureIndex("cost_total")]!;
      values[measureIndex("unpriced_events")] = -row.values[measureIndex("unpriced_events")]!;
      return { ...row, values };
    }),
  );
}
