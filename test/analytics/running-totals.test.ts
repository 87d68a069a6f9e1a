import pg from "pg";
import { describe, expect, it } from "vitest";
import { resolvePeriod } from "@/lib/analytics/period";
import { getCostBreakdown } from "@/lib/analytics/queries/get-cost-breakdown";
import { getTimeseries } from "@/lib/analytics/queries/get-timeseries";
import { ingestBatch } from "@/lib/ingest/ingest";
import { createOverride, runReprice } from "@/lib/pricing/db";
import { MEASURE_COLUMNS as MEASURES } from "@/lib/rollups/measures";
import { removeDailyRows, scaleDailyRows } from "../rollups/support";
import { useTestDatabase } from "../support/database";
import { prng } from "../fuzz/random";
import { createTenant, ingest, usage } from "./support";

const db = useTestDatabase();
const DAY_MS = 86_400_000;

/** Running-total tables, the daily table they follow and their key columns. */
const LEVELS = [
  {
    running: "usage_cumulative",
    keys: "usage_cumulative_keys",
    daily: "usage_daily",
    key: ["feature", "customer", "provider", "model"],
  },
  {
    running: "usage_cumulative_customer",
    keys: "usage_cumulative_customer_keys",
    daily: "usage_daily_customer",
    key: ["customer"],
  },
];

/**
 * Counts what breaks the running-total invariant in a project, per level: a running row that is
 * not the sum of its key's daily rows up to its day (every measure, histogram included), a daily
 * row without a running row on its day, or a key whose changed days lie outside its keys row.
 */
async function invariantViolations(projectId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const level of LEVELS) {
    const sameKey = level.key.map((column) => `d.${column} = r.${column}`).join(" AND ");
    const { rows } = await db.pool.query<{ wrong: number; missing: number; outside: number; rows: number }>(
      `SELECT
         (SELECT count(*)::int FROM ${level.running} r WHERE r.project_id = $1 AND ROW(${MEASURES.map((m) => `r.${m}::numeric`).join(", ")}) IS DISTINCT FROM (
            SELECT ROW(${MEASURES.map((m) => `coalesce(sum(d.${m}), 0)`).join(", ")}) FROM ${level.daily} d
             WHERE d.project_id = r.project_id AND ${sameKey} AND d.day <= r.day)) AS wrong,
         (SELECT count(*)::int FROM ${level.daily} d WHERE d.project_id = $1 AND NOT EXISTS (
            SELECT 1 FROM ${level.running} r WHERE r.project_id = d.project_id AND ${sameKey} AND r.day = d.day)) AS missing,
         (SELECT count(*)::int FROM ${level.running} r WHERE r.project_id = $1 AND NOT EXISTS (
            SELECT 1 FROM ${level.keys} k WHERE k.project_id = r.project_id AND ${level.key.map((c) => `k.${c} = r.${c}`).join(" AND ")}
               AND r.day BETWEEN k.first_day AND k.last_day)) AS outside,
         (SELECT count(*)::int FROM ${level.running} WHERE project_id = $1) AS rows`,
      [projectId],
    );
    const { wrong, missing, outside, rows: count } = rows[0]!;
    expect(count, `${level.running} has rows`).toBeGreaterThan(0);
    out[level.running] = wrong + missing + outside;
  }
  return out;
}

const NO_VIOLATIONS = { usage_cumulative: 0, usage_cumulative_customer: 0 };

function spreadEvents(count: number, seed: number, now: number, days: number): Record<string, unknown>[] {
  const random = prng(seed);
  return Array.from({ length: count }, () =>
    usage({
      occurred_at: new Date(now - Math.floor(random() * days * DAY_MS)).toISOString(),
      customer: `cust-${Math.floor(random() * 5)}`,
      feature: random() < 0.5 ? "support-bot" : "search",
      model: random() < 0.7 ? "gpt-4o" : "gpt-4o-mini",
      tokens: {
        input: Math.floor(random() * 4000),
        cache_read: Math.floor(random() * 9000),
        output: Math.floor(random() * 700),
      },
      ...(random() < 0.9 ? { latency_ms: Math.floor(random() ** 2 * 9000) } : {}),
      status: random() < 0.05 ? "error" : "ok",
    }),
  );
}

async function breakdownsAgree(projectId: string, now: number) {
  const period = resolvePeriod({ range: "30d" }, "UTC", new Date(now));
  for (const filters of [{}, { feature: ["search"] }, { model: ["gpt-4o-mini"], feature: ["support-bot", "search"] }]) {
    const [levels, raw] = await Promise.all(
      (["levels", "raw"] as const).map((source) =>
        getCostBreakdown(db.pool, { projectId, period, groupBy: "customer", filters, source }),
      ),
    );
    expect(levels).toEqual(raw);
    expect(levels!.rows.length).toBeGreaterThan(0);
  }
  const [levels, raw] = await Promise.all(
    (["levels", "raw"] as const).map((source) =>
      getTimeseries(db.pool, { projectId, period, stackBy: "customer", top: 3, filters: {}, source }),
    ),
  );
  expect(levels).toEqual(raw);
}

describe("running totals (usage_cumulative, usage_cumulative_customer)", () => {
  const now = Date.now();

  it("hold every key's sums up to each day after late events, duplicates, re-pricing and deletion", async () => {
    const tenant = await createTenant(db);
    // Newest first, so most batches land before days that already have running rows.
    for (const age of [0, 12, 3, 25, 7])
      await ingest(db, tenant.projectId, spreadEvents(150, age + 1, now - age * DAY_MS, 4), now);
    expect(await invariantViolations(tenant.projectId)).toEqual(NO_VIOLATIONS);
    await breakdownsAgree(tenant.projectId, now);

    const repeated = await ingest(db, tenant.projectId, spreadEvents(150, 13, now - 12 * DAY_MS, 4), now);
    expect(repeated.duplicates).toBe(0); // fresh ids: duplicates are covered by the ledger tests
    await scaleDailyRows(
      db.pool,
      tenant.projectId,
      "model = 'gpt-4o-mini' AND day > current_date - 20",
      ["cost_total", "cost_token"],
      2n,
    );
    await removeDailyRows(db.pool, tenant.projectId, "customer = 'cust-2' AND day < current_date - 10");
    expect(await invariantViolations(tenant.projectId)).toEqual(NO_VIOLATIONS);

    // The period sums answer from the running totals and match usage_daily summed per customer.
    const period = resolvePeriod({ range: "30d" }, "UTC", new Date(now));
    const [levels, daily] = await Promise.all(
      (["levels", "daily"] as const).map((source) =>
        getCostBreakdown(db.pool, { projectId: tenant.projectId, period, groupBy: "customer", filters: {}, source }),
      ),
    );
    expect(levels).toEqual(daily);
  });

  it("answer every window as the daily rows do, whichever way each bound is found", async () => {
    // Sparse keys (a customer every few days, some stopping early, some starting late), so the
    // windows meet every case of a bound (lib/analytics/period-source.ts): a key changed on the
    // day before `from` or not (the probe), a key starting inside the window, a key that changed
    // after `to` on `to` itself or not (a past window), a key that last changed before `to`.
    const tenant = await createTenant(db);
    const random = prng(77);
    const events = Array.from({ length: 240 }, () => {
      const customer = Math.floor(random() * 6);
      // Customer i is active on every (i + 1)th day of its own span of days.
      const span = { first: customer * 3, last: 40 - customer * 4 };
      const age = span.first + Math.floor(random() * (span.last - span.first + 1));
      const day = age - (age % (customer + 1));
      return usage({
        occurred_at: new Date(now - day * DAY_MS).toISOString(),
        customer: `cust-${customer}`,
        feature: random() < 0.5 ? "support-bot" : "search",
        model: random() < 0.7 ? "gpt-4o" : "gpt-4o-mini",
      });
    });
    await ingest(db, tenant.projectId, events, now);
    const day = (age: number) => new Date(now - age * DAY_MS).toISOString().slice(0, 10);
    const windows: [number, number][] = [
      [45, 0],
      [30, 20],
      [12, 9],
      [7, 7],
      [39, 36],
      [20, 1],
      [3, 0],
      [25, 11],
    ];
    for (const [fromAge, toAge] of windows) {
      const period = resolvePeriod({ from: day(fromAge), to: day(toAge) }, "UTC", new Date(now));
      for (const filters of [{}, { feature: ["search"] }]) {
        const [levels, daily] = await Promise.all(
          (["levels", "daily"] as const).map((source) =>
            getCostBreakdown(db.pool, { projectId: tenant.projectId, period, groupBy: "customer", filters, source }),
          ),
        );
        expect(levels, `${day(fromAge)}..${day(toAge)} ${JSON.stringify(filters)}`).toEqual(daily);
      }
    }
  });

  it("drops a customer whose events in the period were all deleted, and keeps tenants apart", async () => {
    const first = await createTenant(db);
    const second = await createTenant(db);
    await ingest(
      db,
      first.projectId,
      [usage({ customer: "gone", occurred_at: new Date(now - 2 * DAY_MS).toISOString() }), usage({ customer: "kept" })],
      now,
    );
    await ingest(db, second.projectId, [usage({ customer: "other-tenant" })], now);
    await removeDailyRows(db.pool, first.projectId, "customer = 'gone'");

    // Seven complete days ending with `now`'s day, which holds the "kept" event.
    const period = resolvePeriod({ range: "7d" }, "UTC", new Date(now + DAY_MS));
    const result = await getCostBreakdown(db.pool, {
      projectId: first.projectId,
      period,
      groupBy: "customer",
      filters: {},
    });
    expect(result.rows.map((row) => row.key)).toEqual(["kept"]);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    "stay exact when concurrent writers add current and late events to the same keys while re-pricing runs",
    async () => {
      const tenant = await createTenant(db);
      const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: db.url, max: 1 }));
      try {
        await Promise.all(
          pools.map((pool, i) => ingestBatch(pool, tenant.projectId, spreadEvents(200, i, now, 20), now)),
        );
        for (let round = 1; round <= 3; round++) {
          // A new price for gpt-4o from some days back, re-priced while more batches arrive. Each
          // batch spans 20 days: late days of one writer meet current days of another, and the
          // re-pricing updates rollup rows of every level the batches also write.
          const effectiveFrom = new Date(now - (18 - 4 * round) * DAY_MS);
          await createOverride(
            db.pool,
            tenant.projectId,
            {
              provider: "openai",
              model: "gpt-4o",
              effective_from: effectiveFrom,
              usd_per_mtok: { input: String(round), output: String(4 * round) },
            },
            null,
          );
          const repricing = runReprice(
            db.pool,
            tenant.projectId,
            { from: effectiveFrom.toISOString().slice(0, 10), to: new Date(now).toISOString().slice(0, 10) },
            { userId: null, via: "cli" },
          );
          const batches = pools.map((pool, i) =>
            ingestBatch(pool, tenant.projectId, spreadEvents(200, 100 * round + i, now, 20), now),
          );
          const [run] = await Promise.all([repricing, ...batches]);
          expect(run.events_changed).toBeGreaterThan(0);
        }
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
      expect(await invariantViolations(tenant.projectId)).toEqual(NO_VIOLATIONS);
      await breakdownsAgree(tenant.projectId, now);
    },
  );
});
