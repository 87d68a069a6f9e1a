import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as cronGpuIdle } from "@/app/api/cron/gpu-idle/route";
import { resetEnvForTests } from "@/lib/env";
import { computeDueGpuIdle } from "@/lib/pricing/db";
import { useTestDatabase } from "../../support/database";
import { createTenant, postEvents, usageEvent } from "../../ingest/support";
import { addGpuPool, addGpuRate, gpuRequest } from "./support";

const db = useTestDatabase();
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Today's UTC date, fixed once so that a run across midnight keeps one calendar. */
const TODAY = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
const dayOf = (daysAgo: number) => new Date(TODAY - daysAgo * DAY_MS).toISOString().slice(0, 10);
const at = (daysAgo: number, hour: number) => new Date(TODAY - daysAgo * DAY_MS + hour * HOUR_MS).toISOString();
/** Noon UTC today: the job's clock. Events are ingested at the real time, so they stay in the past. */
const NOON = new Date(TODAY + 12 * HOUR_MS);

const gpuJob = (seconds: number, occurredAt: string) =>
  usageEvent({ ...gpuRequest(seconds), tokens: { input: 100, output: 10 }, occurred_at: occurredAt });

async function poolTenant(timezone = "UTC", withRate = true) {
  const tenant = await createTenant(db, timezone);
  const since = new Date(`${dayOf(10)}T00:00:00Z`);
  if (withRate)
    await addGpuRate(db, tenant.projectId, { gpu_type: "H100", effective_from: since, usd_per_gpu_hour: "2.50" });
  await addGpuPool(db, tenant.projectId, { name: "eu-1", gpu_type: "H100", gpu_count: 1, effective_from: since });
  return tenant;
}

async function poolDays(
  projectId: string,
): Promise<Array<{ day: string; busy_gpu_seconds: string; whole_cost: string; idle_cost: string }>> {
  const { rows } = await db.pool.query(
    "SELECT day::text, busy_gpu_seconds::text, whole_cost::text, idle_cost::text FROM gpu_pool_days WHERE project_id = $1 ORDER BY day",
    [projectId],
  );
  return rows;
}

const runFor = (due: Awaited<ReturnType<typeof computeDueGpuIdle>>, projectId: string) =>
  due.runs.find((run) => run.projectId === projectId);

describe("the scheduled GPU idle job", () => {
  it("computes each project's last three complete days once, then again an hour later with late events", async () => {
    const tenant = await poolTenant();
    const events = [
      gpuJob(3600, at(1, 2)),
      gpuJob(7200, at(2, 3)),
      gpuJob(1800, new Date(TODAY + 30_000).toISOString()),
    ];
    expect((await postEvents(tenant.ingestKey, { events })).json.accepted).toBe(3);

    const lines: string[] = [];
    const run = runFor(await computeDueGpuIdle(db.pool, NOON, (line) => lines.push(line)), tenant.projectId);
    expect(run).toMatchObject({ from: dayOf(3), to: dayOf(1), report: { days: 3, pool_days: 3, skipped: [] } });
    expect(lines).toContain(`gpu idle ${tenant.projectId} ${dayOf(3)}..${dayOf(1)}: 3 pool-days`);
    // Whole days only: today (with its 1,800 s so far) waits until it is over.
    expect(await poolDays(tenant.projectId)).toEqual([
      {
        day: dayOf(3),
        busy_gpu_seconds: "0.000000",
        whole_cost: "60.000000000000000",
        idle_cost: "60.000000000000000",
      },
      {
        day: dayOf(2),
        busy_gpu_seconds: "7200.000000",
        whole_cost: "60.000000000000000",
        idle_cost: "55.000000000000000",
      },
      {
        day: dayOf(1),
        busy_gpu_seconds: "3600.000000",
        whole_cost: "60.000000000000000",
        idle_cost: "57.500000000000000",
      },
    ]);

    // Not due again within the hour, even after a late event.
    expect((await postEvents(tenant.ingestKey, { events: [gpuJob(1800, at(2, 5))] })).json.accepted).toBe(1);
    expect(runFor(await computeDueGpuIdle(db.pool, NOON), tenant.projectId)).toBeUndefined();
    expect(
      runFor(await computeDueGpuIdle(db.pool, new Date(NOON.getTime() + 0.5 * HOUR_MS)), tenant.projectId),
    ).toBeUndefined();

    // An hour on, the recomputation takes the late event into its day.
    expect(
      runFor(await computeDueGpuIdle(db.pool, new Date(NOON.getTime() + 1.01 * HOUR_MS)), tenant.projectId),
    ).toBeDefined();
    expect((await poolDays(tenant.projectId))[1]).toEqual({
      day: dayOf(2),
      busy_gpu_seconds: "9000.000000",
      whole_cost: "60.000000000000000",
      idle_cost: "53.750000000000000",
    });
  });

  it("takes yesterday in the organisation's timezone", async () => {
    // At noon UTC it is already 01:00 tomorrow in Auckland (UTC+13 in summer, +12 in winter): its yesterday is today's UTC date.
    const tenant = await poolTenant("Pacific/Auckland");
    const run = runFor(await computeDueGpuIdle(db.pool, NOON), tenant.projectId);
    expect(run).toMatchObject({ from: dayOf(2), to: dayOf(0) });
  });

  it("leaves projects without an active pool alone, reports a pool without a rate once an hour, and keeps tenants apart", async () => {
    const withoutPool = await createTenant(db);
    const endedPool = async (endedDaysAgo: number) => {
      const tenant = await createTenant(db);
      const when = {
        effective_from: new Date(`${dayOf(60)}T00:00:00Z`),
        effective_to: new Date(`${dayOf(endedDaysAgo)}T00:00:00Z`),
      };
      await addGpuRate(db, tenant.projectId, {
        gpu_type: "H100",
        effective_from: when.effective_from,
        usd_per_gpu_hour: "2.50",
      });
      await addGpuPool(db, tenant.projectId, { name: "old", gpu_type: "H100", gpu_count: 4, ...when });
      return tenant;
    };
    const ended = await endedPool(30);
    // Ended at the start of yesterday: it held GPUs on the two days before, which still count.
    const endedYesterday = await endedPool(1);
    const noRate = await poolTenant("UTC", false);
    const other = await poolTenant();
    expect((await postEvents(other.ingestKey, { events: [gpuJob(60, at(1, 2))] })).json.accepted).toBe(1);

    const lines: string[] = [];
    const runs = await computeDueGpuIdle(db.pool, NOON, (line) => lines.push(line));
    expect(runFor(runs, withoutPool.projectId)).toBeUndefined();
    expect(runFor(runs, ended.projectId)).toBeUndefined();
    expect(runFor(runs, endedYesterday.projectId)?.report.pool_days).toBe(2);
    expect(runFor(runs, noRate.projectId)?.report.skipped).toHaveLength(3);
    expect(lines.find((line) => line.includes(noRate.projectId))).toContain("no H100 rate");
    expect(await poolDays(noRate.projectId)).toEqual([]);
    expect(runs.failed).toEqual([]);
    // A run that wrote no pool-day is still a run: not due again on the next tick.
    expect(
      runFor(await computeDueGpuIdle(db.pool, new Date(NOON.getTime() + 5 * 60_000)), noRate.projectId),
    ).toBeUndefined();
    // Each project's pool-days come from its own events only.
    expect((await poolDays(other.projectId)).map((day) => day.busy_gpu_seconds)).toEqual([
      "0.000000",
      "0.000000",
      "60.000000",
    ]);
  });
});

describe("POST /api/cron/gpu-idle", () => {
  const call = (secret?: string) =>
    cronGpuIdle(
      new NextRequest("http://localhost/api/cron/gpu-idle", {
        method: "POST",
        headers: secret ? { "x-cron-secret": secret } : {},
      }),
    );

  it("needs the cron secret and answers what it computed", async () => {
    delete process.env.CRON_SECRET;
    resetEnvForTests();
    expect((await call("anything-at-all-123")).status).toBe(404);
    process.env.CRON_SECRET = "right-secret-0123456789";
    resetEnvForTests();
    expect((await call("wrong-secret-0123456789")).status).toBe(401);
    const tenant = await poolTenant();
    const ok = await call("right-secret-0123456789");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { projects: number; pool_days: number; skipped: unknown[]; failed: unknown[] };
    expect(body.projects).toBeGreaterThanOrEqual(1);
    expect(body.failed).toEqual([]);
    expect(body.pool_days).toBeGreaterThanOrEqual(3);
    expect(await poolDays(tenant.projectId)).toHaveLength(3);
    delete process.env.CRON_SECRET;
    resetEnvForTests();
  });
});
