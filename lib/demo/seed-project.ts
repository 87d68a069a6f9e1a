/**
 * Everything the demo project needs besides its events: the H100 rate and the reserved pool the
 * self-hosted model runs on (so its GPU cost is computed and idle capacity is reported), then
 * the usage itself through the ingestion path, the pool's idle allocation, two pricing plans (a
 * cost-plus default, and a flat enterprise subscription for the five largest customers, one of
 * whom costs more than they pay), and a first anomaly detection run, so every page has something
 * true to show at first start.
 */
const DEMO_PLANS = [
  { id: "standard", name: "Standard (cost plus 60%)", type: "usage", pricing: { basis: "markup", markupPercent: "60" } },
  {
    id: "enterprise-flat",
    name: "Enterprise flat $150/month",
    type: "subscription",
    monthlyFee: "150.00",
    allowance: { unit: "cost", amount: "150.00" },
    description: "Unlimited use for a flat fee: usage past the allowance is included.",
  },
] as const;
const ENTERPRISE_CUSTOMERS = 5;
import type { Pool } from "pg";
import { detectProject } from "@/lib/anomalies/db";
import { getDb } from "@/lib/db/client";
import { createPlan, listPlans } from "@/lib/margins/db/plans-repo";
import { replaceAssignments } from "@/lib/margins/db/assignments-repo";
import { computeGpuIdle } from "@/lib/pricing/db/gpu-idle";
import { createGpuPool, createGpuRate, listGpuPools, listGpuRates } from "@/lib/pricing/db/gpu-store";
import { demoCustomers } from "./generate";
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
  await seedDemoPlans(projectId, from);
  await computeGpuIdle(pool, projectId, from, to);
  const detection = await detectProject(pool, projectId, { now: new Date(now), trigger: "cli" });
  return { ...result, anomalies: detection?.found ?? 0 };
}

async function seedDemoPlans(projectId: string, from: string): Promise<void> {
  const db = getDb();
  if ((await listPlans(db, projectId, { includeArchived: true })).length > 0) return;
  for (const plan of DEMO_PLANS) await createPlan(db, projectId, null, plan);
  await replaceAssignments(db, projectId, null, [
    { customer: null, planId: "standard", effectiveFrom: from },
    ...demoCustomers(200)
      .slice(0, ENTERPRISE_CUSTOMERS)
      .map((customer) => ({ customer: customer.id, planId: "enterprise-flat", effectiveFrom: from })),
  ]);
}
