import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/key-store";
import { GET as marginsGet } from "@/app/api/v1/margins/route";
import { POST as fixedCostPost } from "@/app/api/v1/fixed-costs/route";
import { usdToFemto } from "@/lib/money";
import { computeGpuIdle, createFixedCost, loadFullyLoadedCost, runReprice, setPoolRule } from "@/lib/pricing/db";
import { allocateFullyLoaded, costBeyondUsage, keyOf, periodShare } from "@/lib/pricing/fully-loaded";
import { resolvePeriod } from "@/lib/analytics/period";
import { getSummary } from "@/lib/analytics/queries/get-summary";
import { useTestDatabase as setUpTestDatabase } from "../../support/database";
import { callRoute } from "../../analytics/support";
import { createTenant, postEvents, usageEvent } from "../../ingest/support";
import { addGpuPool, addGpuRate, at, dayOf, gpuRequest } from "./support";

const db = setUpTestDatabase();
const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);

describe("allocateFullyLoaded", () => {
  it("splits idle by busy GPU-seconds with largest remainders, keeps overhead pools and unused pools as named lines", () => {
    const result = allocateFullyLoaded({
      pools: [
        {
          pool: "a",
          rule: "proportional",
          bill: 1000n,
          busy: 300n,
          uses: [
            { key: "x", busyMicros: 1n },
            { key: "y", busyMicros: 2n },
          ],
        },
        { pool: "b", rule: "overhead", bill: 50n, busy: 10n, uses: [{ key: "x", busyMicros: 5n }] },
        { pool: "c", rule: "proportional", bill: 7n, busy: 0n, uses: [] },
      ],
      fixedCosts: [
        { name: "platform fee", rule: "proportional", amount: 101n },
        { name: "committed-use discount", rule: "overhead", amount: -30n },
      ],
      usage: [
        { key: "x", usageCost: 1n },
        { key: "y", usageCost: 2n },
        { key: "z", usageCost: 0n },
      ],
    });
    // pool a: idle 700 over 1:2 -> 233.33 / 466.67 -> 233 + 467 (the larger remainder gets the unit)
    // fee 101 over 1:2 -> 33.67 / 67.33 -> 34 + 67
    expect([...result.extra]).toEqual([
      ["x", 233n + 34n],
      ["y", 467n + 67n],
    ]);
    expect(result.pools).toEqual([
      { pool: "a", rule: "proportional", bill: 1000n, busy: 300n, idle: 700n, allocatedIdle: 700n, unallocated: 0n },
      { pool: "b", rule: "overhead", bill: 50n, busy: 10n, idle: 40n, allocatedIdle: 0n, unallocated: 40n },
      { pool: "c", rule: "proportional", bill: 7n, busy: 0n, idle: 7n, allocatedIdle: 0n, unallocated: 7n },
    ]);
    expect(result.overhead).toEqual([
      { name: "GPU pool b: idle", amount: 40n },
      { name: "GPU pool c: idle (no usage to split it by)", amount: 7n },
      { name: "committed-use discount", amount: -30n },
    ]);
  });

  it("prorates a monthly amount by the days of each month the period covers", () => {
    // March 31 days, April 30: $310 × 2/31 + $310 × 3/30 = 20 + 31
    expect(periodShare(usdToFemto("310"), "2026-01-01", null, { from: "2026-03-30", to: "2026-04-03" })).toBe(
      usdToFemto("51"),
    );
    expect(periodShare(usdToFemto("310"), "2026-04-01", "2026-04-01", { from: "2026-03-30", to: "2026-05-03" })).toBe(
      usdToFemto("310"),
    );
    expect(periodShare(usdToFemto("310"), "2026-05-01", null, { from: "2026-03-30", to: "2026-04-03" })).toBe(0n);
  });
});

describe("fully loaded cost from the database", () => {
  it("reconciles every pool's bill exactly: busy + allocated idle + unallocated, per pool and period", async () => {
    const tenant = await createTenant(db);
    await addGpuRate(db, tenant.projectId, { gpu_type: "H100", usd_per_gpu_hour: "3.17" });
    await addGpuRate(db, tenant.projectId, { gpu_type: "A100", usd_per_gpu_hour: "1.93" });
    await addGpuPool(db, tenant.projectId, { name: "eu-1", gpu_type: "H100", gpu_count: 2 });
    // us-2 starts mid-period (day -2, 15:00) and keeps its idle as overhead; ap-3 is never used.
    await addGpuPool(db, tenant.projectId, {
      name: "us-2",
      gpu_type: "A100",
      gpu_count: 1,
      effective_from: new Date(`${dayOf(2)}T15:00:00Z`),
    });
    await addGpuPool(db, tenant.projectId, { name: "ap-3", gpu_type: "A100", gpu_count: 1 });
    await setPoolRule(db.pool, tenant.projectId, { pool: "us-2", idle_rule: "overhead" });
    const events = [
      // Runs across midnight: starts 23:55 on day -3 for 20 minutes.
      usageEvent({
        ...gpuRequest(1200.000001, "eu-1", "H100"),
        occurred_at: `${dayOf(3)}T23:55:00.000Z`,
        customer: "acme",
        feature: "chat",
      }),
      usageEvent({ ...gpuRequest(7.3, "eu-1", "H100"), occurred_at: at(2, 1), customer: "globex", feature: "chat" }),
      usageEvent({
        ...gpuRequest(333.3, "eu-1", "H100"),
        occurred_at: at(1, 11),
        customer: "acme",
        feature: "summarize",
      }),
      usageEvent({
        ...gpuRequest(61, "us-2", "A100"),
        occurred_at: at(1, 9),
        customer: "globex",
        feature: "summarize",
      }),
      usageEvent({
        tokens: { input: 1000, output: 100 },
        occurred_at: at(1, 10),
        customer: "initech",
        feature: "chat",
      }),
    ];
    expect((await postEvents(tenant.ingestKey, { events })).json.accepted).toBe(5);
    await runReprice(db.pool, tenant.projectId, { from: dayOf(4), to: dayOf(0) }, { userId: null, via: "cli" });
    expect((await computeGpuIdle(db.pool, tenant.projectId, dayOf(4), dayOf(1))).skipped).toEqual([]);
    await createFixedCost(
      db.pool,
      tenant.projectId,
      { name: "Platform fee", monthly_usd: "1500", rule: "proportional", from_month: dayOf(40).slice(0, 7) },
      null,
    );
    await createFixedCost(
      db.pool,
      tenant.projectId,
      { name: "Committed-use discount", monthly_usd: "-400", rule: "overhead", from_month: dayOf(40).slice(0, 7) },
      null,
    );

    for (const period of [
      { from: dayOf(4), to: dayOf(1) },
      { from: dayOf(3), to: dayOf(3) },
      { from: dayOf(2), to: dayOf(1) },
      { from: dayOf(1), to: dayOf(1) },
    ]) {
      const { rows: usage } = await db.pool.query<{ customer: string; feature: string; cost: string }>(
        "SELECT customer, feature, sum(cost_total)::text AS cost FROM usage_daily WHERE project_id = $1 AND day BETWEEN $2 AND $3 GROUP BY 1, 2",
        [tenant.projectId, period.from, period.to],
      );
      const keyUsage = usage.map((row) => ({ key: keyOf(row.customer, row.feature), usageCost: usdToFemto(row.cost) }));
      const loaded = await loadFullyLoadedCost(db.pool, tenant.projectId, period, ["customer", "feature"], keyUsage);
      const { rows: bills } = await db.pool.query<{ pool: string; whole: string; busy: string }>(
        "SELECT pool, sum(whole_cost)::text AS whole, sum(busy_cost)::text AS busy FROM gpu_pool_days WHERE project_id = $1 AND day BETWEEN $2 AND $3 GROUP BY pool ORDER BY pool",
        [tenant.projectId, period.from, period.to],
      );
      expect(loaded.pools.map((pool) => pool.pool)).toEqual(bills.map((bill) => bill.pool));
      for (const pool of loaded.pools) {
        const bill = bills.find((row) => row.pool === pool.pool)!;
        expect(pool.bill).toBe(usdToFemto(bill.whole));
        expect(pool.busy).toBe(usdToFemto(bill.busy));
        expect(pool.busy + pool.allocatedIdle + pool.unallocated).toBe(pool.bill);
        // busy is what the pool's events carry as GPU cost, by the day the rollups put them on
        const { rows: events } = await db.pool.query<{ gpu: string }>(
          "SELECT coalesce(sum(cost_gpu), 0)::text AS gpu FROM usage_events WHERE project_id = $1 AND gpu_pool = $2 AND (occurred_at AT TIME ZONE 'UTC')::date BETWEEN $3 AND $4",
          [tenant.projectId, pool.pool, period.from, period.to],
        );
        expect(pool.busy).toBe(usdToFemto(events[0]!.gpu));
      }
      expect(loaded.pools.find((pool) => pool.pool === "us-2")?.allocatedIdle ?? 0n).toBe(0n);
      expect(loaded.pools.find((pool) => pool.pool === "ap-3")!.allocatedIdle).toBe(0n);
      // Everything paid is either on a key or on a named overhead line.
      const paid =
        sum(loaded.pools.map((pool) => pool.bill - pool.busy)) + sum(loaded.fixed.map((cost) => cost.amount));
      expect(sum([...loaded.extra.values()]) + sum(loaded.overhead.map((line) => line.amount))).toBe(paid);
      expect(loaded.fixed.map((cost) => cost.allocated + cost.unallocated)).toEqual(
        loaded.fixed.map((cost) => cost.amount),
      );
    }
    // us-2 held nothing before 15:00 on day -2: 9 h × $1.93 that day.
    const dayTwo = await loadFullyLoadedCost(
      db.pool,
      tenant.projectId,
      { from: dayOf(2), to: dayOf(2) },
      ["customer", "feature"],
      [],
    );
    expect(dayTwo.pools.find((pool) => pool.pool === "us-2")!.bill).toBe(usdToFemto("17.37"));

    // The overview's fully loaded spend: spend + every pool's idle time + fixed costs.
    const whole = await loadFullyLoadedCost(
      db.pool,
      tenant.projectId,
      { from: dayOf(4), to: dayOf(1) },
      ["feature"],
      [],
    );
    const summary = await getSummary(db.pool, {
      projectId: tenant.projectId,
      period: resolvePeriod({ from: dayOf(4), to: dayOf(1) }, "UTC"),
      filters: {},
    });
    expect(usdToFemto(summary.fully_loaded_spend!)).toBe(usdToFemto(summary.spend) + costBeyondUsage(whole));
    expect(
      (
        await getSummary(db.pool, {
          projectId: tenant.projectId,
          period: resolvePeriod({ from: dayOf(4), to: dayOf(1) }, "UTC"),
          filters: { customer: ["acme"] },
        })
      ).fully_loaded_spend,
    ).toBeNull();

    // The margins report shows usage and fully loaded cost side by side; margin is on fully loaded.
    const report = await callRoute(
      marginsGet as never,
      `/api/v1/margins?from=${dayOf(4)}&to=${dayOf(1)}`,
      tenant.readKey,
    );
    const totals = (report.json as { totals: Record<string, string> }).totals;
    expect(usdToFemto(totals.loaded_cost!)).toBeGreaterThan(usdToFemto(totals.cost!));
    expect(usdToFemto(totals.margin!)).toBe(usdToFemto(totals.revenue!) - usdToFemto(totals.loaded_cost!));
    const usageBasis = await callRoute(
      marginsGet as never,
      `/api/v1/margins?from=${dayOf(4)}&to=${dayOf(1)}&cost_basis=usage`,
      tenant.readKey,
    );
    expect((usageBasis.json as { totals: Record<string, string> }).totals.loaded_cost).toBe(totals.cost);
  });

  it("refuses a bad fixed cost naming the field", async () => {
    const tenant = await createTenant(db);
    const { key } = await createApiKey(db.prisma, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      name: "admin",
      scopes: ["admin"],
      createdBy: null,
    });
    const post = (body: unknown) =>
      fixedCostPost(
        new NextRequest("http://localhost/api/v1/fixed-costs", {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({}) },
      );
    const bad = await post({ name: "Fee", monthly_usd: "1,500", from_month: "2026-03" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^monthly_usd: /);
    const good = await post({ name: "Fee", monthly_usd: "1500", from_month: "2026-03" });
    expect(good.status).toBe(201);
    expect(((await good.json()) as { fixed_cost: unknown }).fixed_cost).toMatchObject({
      name: "Fee",
      monthly_usd: "1500.000000000000000",
      rule: "proportional",
      from_month: "2026-03",
      to_month: null,
    });
  });
});
