import { createFixedCost } from "@/lib/pricing/db/fixed-costs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { resolvePeriod } from "@/lib/analytics/period";
import { addDays } from "@/lib/calendar/days";
import { createPlan, loadPeriod, replaceAssignments, updatePlan } from "@/lib/margins/db";
import { computeMargins } from "@/lib/margins/engine";
import { ingestBatch } from "@/lib/ingest/ingest";
import { createOverride, runReprice } from "@/lib/pricing/db";
import { PERIOD_LEVELS } from "@/lib/rollups/levels";
import { removeDailyRows, scaleDailyRows } from "../../rollups/support";
import { useTestDatabase } from "../../support/database";
import { closeIngestPools, ingest, usage } from "../../analytics/support";
import { prng } from "../../fuzz/random";
import { createMarginTenant } from "./support";

/**
 * The month read model (usage_monthly, kept by lib/rollups) and the report read from it:
 * the level always equals the raw events re-added per month, after ingestion (late events
 * included), re-pricing and deletions; the report from it equals the report from daily rows.
 */
const db = useTestDatabase();
afterAll(closeIngestPools);
const DAY_MS = 86_400_000;
const now = Date.now();
const today = new Date(now).toISOString().slice(0, 10);
const MEASURES = [
  "events",
  "error_events",
  "unpriced_events",
  "tokens_input",
  "tokens_cache_read",
  "tokens_output",
  "tokens_reasoning",
  "cost_token",
  "cost_gpu",
  "cost_total",
];

function events(count: number, seed: number, days: number): Record<string, unknown>[] {
  const random = prng(seed);
  return Array.from({ length: count }, () => {
    const claude = random() < 0.3;
    return usage({
      occurred_at: new Date(now - 60_000 - Math.floor(random() * days * DAY_MS)).toISOString(),
      customer: `cust-${Math.floor(random() * 6)}`,
      feature: random() < 0.5 ? "support-bot" : "search",
      provider: claude ? "anthropic" : random() < 0.8 ? "openai" : "azure",
      model: claude ? "claude-sonnet-4-5" : "gpt-4o",
      tokens: {
        input: Math.floor(random() * 4000),
        cache_read: Math.floor(random() * 9000),
        output: Math.floor(random() * 700),
      },
      status: random() < 0.05 ? "error" : "ok",
    });
  });
}

/** The month levels and their keys besides the month. */
const MONTH_LEVELS = PERIOD_LEVELS.filter((level) => level.period === "month");

/** Each month level's rows and the same sums from the raw events (month in the organisation's timezone). */
async function monthlyAndRaw(projectId: string) {
  const level: unknown[] = [];
  const raw: unknown[] = [];
  for (const { table, keys } of MONTH_LEVELS) {
    const order = keys.map((_, i) => i + 3).join(", ");
    const rows = await db.pool.query(
      `SELECT '${table}' AS level, to_char(month, 'YYYY-MM-DD') AS month, ${keys.join(", ")}, ${MEASURES.map((m) => `${m}::text`).join(", ")}
         FROM ${table} WHERE project_id = $1 ORDER BY 2, ${order}`,
      [projectId],
    );
    const events = await db.pool.query(
      `SELECT '${table}' AS level, to_char(date_trunc('month', (e.occurred_at AT TIME ZONE o.timezone)::date), 'YYYY-MM-DD') AS month,
              ${keys.map((key) => `e.${key}`).join(", ")},
              count(*)::text AS events, count(*) FILTER (WHERE e.status = 'error')::text AS error_events,
              count(*) FILTER (WHERE e.cost_source = 'unpriced')::text AS unpriced_events,
              ${MEASURES.slice(3)
                .map((m) => `sum(e.${m})::text AS ${m}`)
                .join(", ")}
         FROM usage_events e JOIN projects p ON p.id = e.project_id JOIN organizations o ON o.id = p.org_id
        WHERE e.project_id = $1 GROUP BY 2, ${order} ORDER BY 2, ${order}`,
      [projectId],
    );
    level.push(...rows.rows);
    raw.push(...events.rows);
  }
  return { level, raw };
}

/** Each month level's rows and usage_daily summed per month and the level's keys. */
async function monthlyAndDaily(projectId: string) {
  const measures = [
    "events",
    "unpriced_events",
    "tokens_input",
    "tokens_output",
    "cost_total",
    "latency_count",
    "latency_histogram_packed",
  ];
  const level: Record<string, unknown>[] = [];
  const daily: Record<string, unknown>[] = [];
  for (const { table, keys } of MONTH_LEVELS) {
    const order = keys.map((_, i) => i + 3).join(", ");
    const query = (from: string, month: string) =>
      db.pool.query(
        `SELECT '${table}' AS level, ${month} AS month, ${keys.join(", ")}, ${measures.map((m) => `sum(${m})::text AS ${m}`).join(", ")}
           FROM ${from} WHERE project_id = $1 GROUP BY 2, ${order} ORDER BY 2, ${order}`,
        [projectId],
      );
    const [rows, days] = await Promise.all([
      query(table, "month"),
      query("usage_daily", "date_trunc('month', day)::date"),
    ]);
    level.push(...rows.rows);
    daily.push(...days.rows);
  }
  return { level, daily };
}

describe("usage_monthly and usage_monthly_feature, the margins read model", () => {
  it("equals the raw events re-added per month after late events, re-pricing and deletions", async () => {
    const tenant = await createMarginTenant(db);
    // Current and late batches over 100 days: three or four months, days in several batches.
    for (const [seed, days] of [
      [1, 5],
      [2, 100],
      [3, 40],
      [4, 100],
    ] as const)
      await ingest(db, tenant.projectId, events(300, seed, days), now);
    const first = await monthlyAndRaw(tenant.projectId);
    expect(first.level.length).toBeGreaterThan(20);
    expect(first.level).toEqual(first.raw);

    const effectiveFrom = new Date(now - 60 * DAY_MS);
    await createOverride(
      db.pool,
      tenant.projectId,
      {
        provider: "openai",
        model: "gpt-4o",
        effective_from: effectiveFrom,
        usd_per_mtok: { input: "7", output: "21" },
      },
      null,
    );
    const run = await runReprice(
      db.pool,
      tenant.projectId,
      { from: effectiveFrom.toISOString().slice(0, 10), to: today },
      { userId: null, via: "cli" },
    );
    expect(run.events_changed).toBeGreaterThan(0);
    const repriced = await monthlyAndRaw(tenant.projectId);
    expect(repriced.level).not.toEqual(first.level);
    expect(repriced.level).toEqual(repriced.raw);

    // Other writers' signed deltas through the same write path: a month emptied is a row gone.
    await removeDailyRows(db.pool, tenant.projectId, "customer = 'cust-2'");
    await scaleDailyRows(db.pool, tenant.projectId, "model = 'claude-sonnet-4-5'", ["cost_total"], 3n);
    const edited = await monthlyAndDaily(tenant.projectId);
    expect(edited.level.some((row) => row.customer === "cust-2")).toBe(false);
    expect(edited.level).toEqual(edited.daily);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    "stays equal to the raw events when concurrent batches and re-pricing write the same months",
    async () => {
      const tenant = await createMarginTenant(db);
      const pools = Array.from({ length: 3 }, () => new pg.Pool({ connectionString: db.url, max: 1 }));
      try {
        const effectiveFrom = new Date(now - 50 * DAY_MS);
        await Promise.all(pools.map((pool, i) => ingestBatch(pool, tenant.projectId, events(200, 20 + i, 70), now)));
        await createOverride(
          db.pool,
          tenant.projectId,
          {
            provider: "openai",
            model: "gpt-4o",
            effective_from: effectiveFrom,
            usd_per_mtok: { input: "2", output: "8" },
          },
          null,
        );
        const repricing = runReprice(
          db.pool,
          tenant.projectId,
          { from: effectiveFrom.toISOString().slice(0, 10), to: today },
          { userId: null, via: "cli" },
        );
        await Promise.all([
          repricing,
          ...pools.map((pool, i) => ingestBatch(pool, tenant.projectId, events(200, 30 + i, 70), now)),
        ]);
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
      const { level, raw } = await monthlyAndRaw(tenant.projectId);
      expect(level).toEqual(raw);
    },
  );

  it("gives the margins report the daily rows give, with effective dates inside months, allowances and comparisons", async () => {
    const tenant = await createMarginTenant(db);
    for (const [seed, days] of [
      [11, 100],
      [12, 30],
      [13, 100],
    ] as const)
      await ingest(db, tenant.projectId, events(400, seed, days), now);
    const user = tenant.users.finance;
    const start = addDays(today, -120);
    await createPlan(db, tenant.projectId, user, {
      id: "standard",
      name: "Cost plus 33.3%",
      type: "usage",
      pricing: { basis: "markup", markupPercent: "33.3" },
    });
    await createPlan(db, tenant.projectId, user, {
      id: "tokens",
      name: "Per token",
      type: "usage",
      pricing: {
        basis: "tokens",
        rates: [{ tokenClass: "output", pricePerMillion: "9.7" }, { pricePerMillion: "0.33" }],
      },
    });
    await createPlan(db, tenant.projectId, user, {
      id: "team",
      name: "Team",
      type: "subscription",
      monthlyFee: "99",
      allowance: { unit: "tokens", amount: 900_000 },
      overage: { basis: "markup", markupPercent: "10" },
    });
    await createPlan(db, tenant.projectId, user, {
      id: "per-task",
      name: "Per task",
      type: "outcome",
      outcomePrices: [{ outcomeType: "task_completed", price: "0.5" }],
    });
    await replaceAssignments(db, tenant.projectId, user, [
      { customer: null, planId: "standard", effectiveFrom: start },
      { customer: "cust-1", planId: "tokens", effectiveFrom: addDays(today, -47) },
      { customer: "cust-2", planId: "tokens", effectiveFrom: addDays(today, -47) },
      { customer: "cust-3", planId: "team", effectiveFrom: addDays(today, -75) },
      { customer: "cust-4", planId: "tokens", effectiveFrom: addDays(today, -20) },
    ]);
    await updatePlan(
      db,
      tenant.projectId,
      "standard",
      { id: "standard", name: "Cost plus 41%", type: "usage", pricing: { basis: "markup", markupPercent: "41" } },
      { effectiveFrom: addDays(today, -33), allowBackdate: true, today, userId: user },
    );
    // A fixed cost split by usage cost: its shares (largest remainder, ties to the earlier key)
    // must not depend on how the usage was read.
    await createFixedCost(
      db.pool,
      tenant.projectId,
      { name: "Platform", monthly_usd: "1000.000000000000007", rule: "proportional", from_month: start.slice(0, 7) },
      null,
    );

    const periods = [
      ...(["7d", "30d", "90d"] as const).map((range) => resolvePeriod({ range }, "UTC", new Date(now)).current),
      { from: addDays(today, -52), to: addDays(today, -41) },
    ].map(({ from, to }) => ({ from, to }));
    for (const period of periods) {
      for (const comparePlanIds of [undefined, ["per-task"], ["team"]]) {
        const options = comparePlanIds ? { comparePlanIds } : {};
        const days = computeMargins(
          (await loadPeriod(db, tenant.projectId, period, { ...options, usage: "days" })).input,
        );
        const readModel = await loadPeriod(db, tenant.projectId, period, options);
        expect(computeMargins(readModel.input), `${period.from}..${period.to} ${comparePlanIds ?? ""}`).toEqual(days);
        expect(days.totals.revenue).toBeGreaterThan(0n);
        expect(days.totals.loadedCost).toBeGreaterThan(days.totals.cost);
      }
    }
    // The read model did read months: fewer rows than the days, cust-3's (the allowance) daily.
    const ninety = periods[2]!;
    const [readModel, daily] = await Promise.all([
      loadPeriod(db, tenant.projectId, ninety),
      loadPeriod(db, tenant.projectId, ninety, { usage: "days" }),
    ]);
    const rows = (loaded: typeof daily) =>
      loaded.input.customers.reduce((total, customer) => total + customer.usage.length, 0);
    expect(rows(readModel)).toBeLessThan(rows(daily) / 3);
    const cust3 = (loaded: typeof daily) =>
      loaded.input.customers.find((customer) => customer.customer === "cust-3")!.usage;
    expect(cust3(readModel)).toEqual(cust3(daily));
  });
});
