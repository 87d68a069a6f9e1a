/**
 * Everything the demo project needs besides its events: the H100 rate and the reserved pool the
 * self-hosted model runs on (so its GPU cost is computed and idle capacity is reported), then
 * the usage itself through the ingestion path, the pool's idle allocation, and a first anomaly
 * detection run so every page has something true to show at first start.
 */
import type { Pool } from "pg";
import { detectProject } from "@/lib/anomalies/db";
import { computeGpuIdle } from "@/lib/pricing/db/gpu-idle";
import { createGpuPool, createGpuRate, listGpuPools, listGpuRates } from "@/lib/pricing/db/gpu-store";
import { DEMO_DAYS, seedDemoUsage, type SeedProgress, type SeedResult } from "./seed-usage";

const DAY_MS = 86_400_000;

export interface DemoProjectResult extends SeedResult {
  anomalies: number;
}

export async function seedDemoProject(
  pool: Pool,
  projectId: string,
  options: { days?: number; eventsPerDay?: number; now?: number; onProgress?: (progress: SeedProgress) => void } = {},
): Promise<DemoProjectResult> {
  const now = options.now ?? Date.now();
  const days = options.days ?? DEMO_DAYS;
  const from = new Date(Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  const to = new Date(now).toISOString().slice(0, 10);

  if ((await listGpuRates(pool, projectId)).length === 0) {
    await createGpuRate(pool, projectId, { gpu_type: "H100", effective_from: new Date(`${from}T00:00:00Z`), usd_per_gpu_hour: "2.50", note: "demo: reserved H100" }, null);
  }
  if ((await listGpuPools(pool, projectId)).length === 0) {
    await createGpuPool(pool, projectId, { name: "eu-1", gpu_type: "H100", gpu_count: 1, effective_from: new Date(`${from}T00:00:00Z`) }, null);
  }
  const result = await seedDemoUsage(pool, projectId, { ...options, now, days });
  await computeGpuIdle(pool, projectId, from, to);
  const detection = await detectProject(pool, projectId, { now: new Date(now), trigger: "cli" });
  return { ...result, anomalies: detection?.found ?? 0 };
}
