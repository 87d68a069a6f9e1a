/**
 * GPU pools' idle cost, per pool and day (organisation's timezone). For each day a pool held
 * GPUs: whole = N GPUs x hours held x rate (split where the size or rate changes), busy = its
 * events' GPU time at their rates (what re-pricing puts on the events as cost_gpu), idle =
 * whole - busy. Idle is allocated to that day's events of the pool pro rata to GPU time by
 * largest remainder (lib/pricing/gpu.ts), so busy + allocations = whole, exactly.
 *
 * Stored apart from usage_daily, so the rollup keeps one meaning (the events' own cost):
 *   gpu_pool_days         one row per pool and day: whole, busy, idle (the idle share report)
 *   gpu_idle_allocations  idle per (day, pool, feature, customer, provider, model); a
 *                         period's fully loaded cost (lib/pricing/db/fully-loaded.ts) reads
 *                         both tables.
 * `computeGpuIdle` replaces a period's rows in one transaction, so re-running it is
 * idempotent; the overview reads `getGpuIdleSummary`, which sums the stored rows.
 */
import type { Pool, PoolClient } from "pg";
import { femtoToUsd, type Femto } from "@/lib/money";
import { allocatePool, type GpuPool as PoolRecord, type GpuRate, type GpuUsage } from "../gpu";
import { loadProjectPricing } from "./book";
import { secondsTextToMicros } from "./gpu-price";

interface PoolRow {
  name: string;
  gpu_type: string;
  gpu_count: number;
  effective_from: Date;
  effective_to: Date | null;
}

interface EventRow {
  event_id: string;
  day: string;
  gpu_pool: string;
  gpu_seconds: string;
  occurred_at: Date;
  feature: string;
  customer: string;
  provider: string;
  model: string;
}

export interface GpuIdleReport {
  days: number;
  pool_days: number;
  /** Pool-days left out, with the reason (no rate in force, more GPU time than held). */
  skipped: Array<{ day: string; pool: string; reason: string }>;
}

/** A pool's records as the engine takes them: an end date is a resize to 0, unless a later record takes over first. */
function poolRecords(rows: readonly PoolRow[]): PoolRecord[] {
  const records: PoolRecord[] = rows.map((row) => ({
    id: row.name,
    gpuType: row.gpu_type,
    gpus: row.gpu_count,
    effectiveFrom: row.effective_from.getTime(),
  }));
  for (const row of rows) {
    if (!row.effective_to) continue;
    const end = row.effective_to.getTime();
    const supersededBy = rows.some(
      (other) => other !== row && other.effective_from > row.effective_from && other.effective_from.getTime() <= end,
    );
    if (!supersededBy) records.push({ id: row.name, gpuType: row.gpu_type, gpus: 0, effectiveFrom: end });
  }
  return records.sort((a, b) => a.effectiveFrom - b.effectiveFrom);
}

const micros = (date: Date) => BigInt(date.getTime()) * 1000n;
const SECONDS_SCALE = 1_000_000n;
const secondsText = (us: bigint) => `${us / SECONDS_SCALE}.${(us % SECONDS_SCALE).toString().padStart(6, "0")}`;

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function computeGpuIdle(pool: Pool, projectId: string, from: string, to: string): Promise<GpuIdleReport> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`inferledger:gpu-idle:${projectId}`]);
    const { gpuRates } = await loadProjectPricing(client, projectId);
    const pools = (
      await client.query<PoolRow>(
        "SELECT name, gpu_type, gpu_count, effective_from, effective_to FROM gpu_pools WHERE project_id = $1",
        [projectId],
      )
    ).rows;
    const days = (
      await client.query<{ day: string; start: Date; end: Date }>(
        `SELECT d::date::text AS day, (d::date::timestamp AT TIME ZONE o.timezone) AS start, ((d::date + 1)::timestamp AT TIME ZONE o.timezone) AS "end"
           FROM projects p JOIN organizations o ON o.id = p.org_id, generate_series($2::date, $3::date, interval '1 day') AS d
          WHERE p.id = $1 ORDER BY 1`,
        [projectId, from, to],
      )
    ).rows;
    await client.query("DELETE FROM gpu_idle_allocations WHERE project_id = $1 AND day BETWEEN $2 AND $3", [
      projectId,
      from,
      to,
    ]);
    await client.query("DELETE FROM gpu_pool_days WHERE project_id = $1 AND day BETWEEN $2 AND $3", [
      projectId,
      from,
      to,
    ]);
    const report: GpuIdleReport = { days: days.length, pool_days: 0, skipped: [] };
    if (pools.length === 0 || days.length === 0) return report;

    const names = [...new Set(pools.map((row) => row.name))];
    const events = (
      await client.query<EventRow>(
        `SELECT e.event_id, (e.occurred_at AT TIME ZONE o.timezone)::date::text AS day, e.gpu_pool, e.gpu_seconds::text AS gpu_seconds, e.occurred_at,
                e.feature, e.customer, e.provider, e.model
           FROM usage_events e JOIN projects p ON p.id = e.project_id JOIN organizations o ON o.id = p.org_id
          WHERE e.project_id = $1 AND e.gpu_pool = ANY($2::text[]) AND e.occurred_at >= $3 AND e.occurred_at < $4
          ORDER BY e.occurred_at, e.event_id`,
        [projectId, names, days[0]!.start, days[days.length - 1]!.end],
      )
    ).rows;
    const byPoolDay = new Map<string, EventRow[]>();
    for (const event of events) {
      const key = `${event.gpu_pool}\u0000${event.day}`;
      const list = byPoolDay.get(key);
      if (list) list.push(event);
      else byPoolDay.set(key, [event]);
    }

    const dayRows: unknown[][] = [[], [], [], [], [], [], [], [], [], []];
    const allocations = new Map<string, { day: string; pool: string; dims: string[]; micros: bigint; idle: Femto }>();
    for (const name of names) {
      const records = poolRecords(pools.filter((row) => row.name === name));
      const gpuType = records[0]!.gpuType;
      for (const day of days) {
        const dayEvents = byPoolDay.get(`${name}\u0000${day.day}`) ?? [];
        const usage: GpuUsage[] = dayEvents.map((event) => ({
          id: event.event_id,
          gpuType,
          gpuMicros: secondsTextToMicros(event.gpu_seconds),
          occurredAt: event.occurred_at.getTime(),
        }));
        let result: ReturnType<typeof allocatePool>;
        try {
          result = allocatePool(
            records,
            gpuRates as GpuRate[],
            { startMicros: micros(day.start), endMicros: micros(day.end) },
            usage,
          );
        } catch (error) {
          report.skipped.push({ day: day.day, pool: name, reason: (error as Error).message });
          continue;
        }
        if (result.heldMicros === 0n && usage.length === 0) continue;
        report.pool_days++;
        const unallocated = usage.length === 0 || result.busyMicros === 0n ? result.idle : 0n;
        const values = [
          day.day,
          name,
          gpuType,
          secondsText(result.heldMicros),
          secondsText(result.busyMicros),
          femtoToUsd(result.whole),
          femtoToUsd(result.busy),
          femtoToUsd(result.idle),
          femtoToUsd(unallocated),
          usage.length,
        ];
        values.forEach((value, i) => dayRows[i]!.push(value));
        result.events.forEach((share, i) => {
          const event = dayEvents[i]!;
          const dims = [event.feature, event.customer, event.provider, event.model];
          const key = JSON.stringify([day.day, name, ...dims]);
          const slot = allocations.get(key) ?? { day: day.day, pool: name, dims, micros: 0n, idle: 0n };
          slot.micros += usage[i]!.gpuMicros;
          slot.idle += share.idle;
          allocations.set(key, slot);
        });
      }
    }
    if (report.pool_days) {
      await client.query(
        `INSERT INTO gpu_pool_days (project_id, day, pool, gpu_type, held_gpu_seconds, busy_gpu_seconds, whole_cost, busy_cost, idle_cost, unallocated_idle, events)
         SELECT $1, * FROM unnest($2::date[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[], $11::bigint[])`,
        [projectId, ...dayRows],
      );
    }
    const slots = [...allocations.values()];
    if (slots.length) {
      await client.query(
        `INSERT INTO gpu_idle_allocations (project_id, day, pool, feature, customer, provider, model, gpu_seconds, idle_cost)
         SELECT $1, * FROM unnest($2::date[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::numeric[])`,
        [
          projectId,
          slots.map((s) => s.day),
          slots.map((s) => s.pool),
          ...[0, 1, 2, 3].map((i) => slots.map((s) => s.dims[i])),
          slots.map((s) => secondsText(s.micros)),
          slots.map((s) => femtoToUsd(s.idle)),
        ],
      );
    }
    return report;
  });
}

interface GpuPoolSummary {
  pool: string;
  gpu_type: string;
  days: number;
  held_gpu_hours: string;
  busy_gpu_hours: string;
  whole_usd: string;
  busy_usd: string;
  idle_usd: string;
  /** idle / whole, 0..1 as a decimal string (6 places); null when the pool cost nothing. */
  idle_share: string | null;
}

interface GpuIdleSummary {
  from: string;
  to: string;
  whole_usd: string;
  busy_usd: string;
  idle_usd: string;
  idle_share: string | null;
  pools: GpuPoolSummary[];
}

/** GPU spend with its idle share for a period (inclusive days), from gpu_pool_days. */
export async function getGpuIdleSummary(
  pool: Pool,
  projectId: string,
  from: string,
  to: string,
): Promise<GpuIdleSummary> {
  const { rows } = await pool.query<GpuPoolSummary>(
    `SELECT pool, gpu_type, count(*)::int AS days,
            round(sum(held_gpu_seconds) / 3600, 6)::text AS held_gpu_hours, round(sum(busy_gpu_seconds) / 3600, 6)::text AS busy_gpu_hours,
            sum(whole_cost)::text AS whole_usd, sum(busy_cost)::text AS busy_usd, sum(idle_cost)::text AS idle_usd,
            CASE WHEN sum(whole_cost) > 0 THEN round(sum(idle_cost) / sum(whole_cost), 6)::text END AS idle_share
       FROM gpu_pool_days WHERE project_id = $1 AND day BETWEEN $2 AND $3
      GROUP BY pool, gpu_type ORDER BY sum(whole_cost) DESC, pool`,
    [projectId, from, to],
  );
  const { rows: totals } = await pool.query<{ whole: string; busy: string; idle: string; share: string | null }>(
    `SELECT coalesce(sum(whole_cost), 0)::text AS whole, coalesce(sum(busy_cost), 0)::text AS busy, coalesce(sum(idle_cost), 0)::text AS idle,
            CASE WHEN sum(whole_cost) > 0 THEN round(sum(idle_cost) / sum(whole_cost), 6)::text END AS share
       FROM gpu_pool_days WHERE project_id = $1 AND day BETWEEN $2 AND $3`,
    [projectId, from, to],
  );
  const total = totals[0]!;
  return {
    from,
    to,
    whole_usd: total.whole,
    busy_usd: total.busy,
    idle_usd: total.idle,
    idle_share: total.share,
    pools: rows,
  };
}
