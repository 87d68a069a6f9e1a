import { describe, expect, it } from "vitest";
import { usdToFemto } from "@/lib/money";
import { computeGpuIdle, getGpuIdleSummary, runReprice } from "@/lib/pricing/db";
import { useTestDatabase as setUpTestDatabase } from "../../support/database";
import { createTenant, postEvents, usageEvent } from "../../ingest/support";
import { addGpuPool, addGpuRate, at, dayOf, dayStart, gpuRequest } from "./support";

const db = setUpTestDatabase();
const sum = (values: string[]) => values.reduce((total, value) => total + usdToFemto(value), 0n);

describe("GPU pools with idle time", () => {
  it("prices GPU events by rate, and a pool-day's busy cost plus its idle allocations sum exactly to the pool's cost", async () => {
    const tenant = await createTenant(db);
    await addGpuRate(db, tenant.projectId, { gpu_type: "H100", usd_per_gpu_hour: "3.17" });
    await addGpuPool(db, tenant.projectId, { name: "eu-1", gpu_type: "H100", gpu_count: 2 });
    // Three requests on day -2, odd seconds so the idle split has remainders; one on day -1 with the pool resized to 3 from noon.
    const events = [
      usageEvent({ ...gpuRequest(1.82), occurred_at: at(2, 9) }),
      usageEvent({ ...gpuRequest(7.000001), occurred_at: at(2, 10), customer: "globex" }),
      usageEvent({ ...gpuRequest(333.3), occurred_at: at(2, 11), feature: "summarize" }),
      usageEvent({ ...gpuRequest(12), occurred_at: at(1, 15) }),
    ];
    expect((await postEvents(tenant.ingestKey, { events })).json.accepted).toBe(4);
    await addGpuPool(db, tenant.projectId, {
      name: "eu-1",
      gpu_type: "H100",
      gpu_count: 3,
      effective_from: new Date(`${dayOf(1)}T12:00:00Z`),
    });

    const run = await runReprice(
      db.pool,
      tenant.projectId,
      { from: dayOf(3), to: dayOf(0) },
      { userId: null, via: "cli" },
    );
    expect(run.unpriced_after).toBe(0);
    const report = await computeGpuIdle(db.pool, tenant.projectId, dayOf(2), dayOf(1));
    expect(report).toMatchObject({ days: 2, pool_days: 2, skipped: [] });

    const { rows: days } = await db.pool.query(
      "SELECT day::text, whole_cost::text, busy_cost::text, idle_cost::text, unallocated_idle::text, events FROM gpu_pool_days WHERE project_id = $1 ORDER BY day",
      [tenant.projectId],
    );
    // Day -2: 2 GPUs x 24 h x $3.17; day -1: 2 x 12 h + 3 x 12 h = 60 GPU-hours.
    expect(days.map((day) => day.whole_cost)).toEqual(["152.160000000000000", "190.200000000000000"]);
    for (const day of days) {
      const { rows: allocations } = await db.pool.query(
        "SELECT idle_cost::text FROM gpu_idle_allocations WHERE project_id = $1 AND day = $2",
        [tenant.projectId, day.day],
      );
      const { rows: busy } = await db.pool.query(
        "SELECT cost_gpu::text FROM usage_events WHERE project_id = $1 AND (occurred_at AT TIME ZONE 'UTC')::date = $2",
        [tenant.projectId, day.day],
      );
      expect(sum(busy.map((row) => row.cost_gpu))).toBe(usdToFemto(day.busy_cost));
      expect(sum(allocations.map((row) => row.idle_cost))).toBe(usdToFemto(day.idle_cost));
      expect(usdToFemto(day.busy_cost) + sum(allocations.map((row) => row.idle_cost))).toBe(usdToFemto(day.whole_cost));
    }
    // 1.82 s at $3.17/h
    const { rows: first } = await db.pool.query(
      "SELECT cost_gpu::text, cost_source FROM usage_events WHERE project_id = $1 ORDER BY occurred_at LIMIT 1",
      [tenant.projectId],
    );
    expect(first[0]).toEqual({ cost_gpu: "0.001602611111111", cost_source: "computed" });

    const summary = await getGpuIdleSummary(db.pool, tenant.projectId, dayOf(2), dayOf(1));
    expect(summary.whole_usd).toBe("342.360000000000000");
    expect(usdToFemto(summary.busy_usd) + usdToFemto(summary.idle_usd)).toBe(usdToFemto(summary.whole_usd));
    expect(Number(summary.idle_share)).toBeGreaterThan(0.99);
    expect(summary.pools).toEqual([
      expect.objectContaining({ pool: "eu-1", gpu_type: "H100", days: 2, held_gpu_hours: "108.000000" }),
    ]);

    // Re-running replaces the period's rows: same figures, no duplicates.
    await computeGpuIdle(db.pool, tenant.projectId, dayOf(2), dayOf(1));
    expect(await getGpuIdleSummary(db.pool, tenant.projectId, dayOf(2), dayOf(1))).toEqual(summary);
  });

  it("reports a day with no rate in force as skipped instead of pricing it at $0", async () => {
    const tenant = await createTenant(db);
    await addGpuPool(db, tenant.projectId, {
      name: "us-2",
      gpu_type: "A100",
      gpu_count: 1,
      effective_from: dayStart(5),
    });
    const report = await computeGpuIdle(db.pool, tenant.projectId, dayOf(1), dayOf(1));
    expect(report.pool_days).toBe(0);
    expect(report.skipped[0]).toMatchObject({ pool: "us-2", reason: expect.stringContaining("no A100 rate") });
  });
});
