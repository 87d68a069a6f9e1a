import type { Database } from "@/lib/db/client";
import { createGpuPool, createGpuRate, createOverride } from "@/lib/pricing/db";

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of the UTC day `daysAgo` days before today. */
export function dayOf(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);
}

/** An instant on that UTC day at `hour`:00. */
export function at(daysAgo: number, hour = 12): string {
  return `${dayOf(daysAgo)}T${String(hour).padStart(2, "0")}:00:00.000Z`;
}

/** Midnight UTC `daysAgo` days before today. */
export function dayStart(daysAgo: number): Date {
  return new Date(`${dayOf(daysAgo)}T00:00:00Z`);
}

/** Test rates, pools and overrides take effect ten days back unless told: before any test event. */
const SINCE_DAYS = 10;
type WithStart<T extends { effective_from: Date }> = Omit<T, "effective_from"> & { effective_from?: Date };

export function addGpuRate(db: Database, projectId: string, rate: WithStart<Parameters<typeof createGpuRate>[2]>) {
  return createGpuRate(db.pool, projectId, { effective_from: dayStart(SINCE_DAYS), ...rate }, null);
}

export function addGpuPool(db: Database, projectId: string, pool: WithStart<Parameters<typeof createGpuPool>[2]>) {
  return createGpuPool(db.pool, projectId, { effective_from: dayStart(SINCE_DAYS), ...pool }, null);
}

export function addOverride(
  db: Database,
  projectId: string,
  override: WithStart<Parameters<typeof createOverride>[2]>,
) {
  return createOverride(db.pool, projectId, { effective_from: dayStart(SINCE_DAYS), ...override }, null);
}

/** The fields of a self-hosted request that held a GPU of `pool` for `seconds`. */
export function gpuRequest(seconds: number, pool = "eu-1", type = "H100") {
  return {
    provider: "self-hosted",
    model: "llama-3.1-8b",
    tokens: { input: 5400, output: 230 },
    gpu: { seconds, type, pool },
  };
}

interface StoredCost {
  event_id: string;
  cost_total: string;
  cost_token: string;
  cost_gpu: string;
  cost_source: string;
  price_entry_id: string | null;
}

export async function eventCosts(db: Database, projectId: string): Promise<StoredCost[]> {
  const { rows } = await db.pool.query<StoredCost>(
    `SELECT event_id, cost_total::text, cost_token::text, cost_gpu::text, cost_source, price_entry_id
       FROM usage_events WHERE project_id = $1 ORDER BY occurred_at, event_id`,
    [projectId],
  );
  return rows;
}

/** Every rollup level's cost and unpriced totals next to the events' own. */
export async function aggregateTotals(
  db: Database,
  projectId: string,
): Promise<Record<string, { cost: string; unpriced: number }>> {
  const { rows } = await db.pool.query<{ source: string; cost: string; unpriced: number }>(
    `SELECT 'events' AS source, coalesce(sum(cost_total), 0)::text AS cost, count(*) FILTER (WHERE cost_source = 'unpriced')::int AS unpriced FROM usage_events WHERE project_id = $1
     UNION ALL SELECT 'usage_daily', coalesce(sum(cost_total), 0)::text, coalesce(sum(unpriced_events), 0)::int FROM usage_daily WHERE project_id = $1
     UNION ALL SELECT 'usage_daily_model', coalesce(sum(cost_total), 0)::text, coalesce(sum(unpriced_events), 0)::int FROM usage_daily_model WHERE project_id = $1
     UNION ALL SELECT 'usage_daily_customer', coalesce(sum(cost_total), 0)::text, coalesce(sum(unpriced_events), 0)::int FROM usage_daily_customer WHERE project_id = $1`,
    [projectId],
  );
  return Object.fromEntries(rows.map((row) => [row.source, { cost: row.cost, unpriced: row.unpriced }]));
}
