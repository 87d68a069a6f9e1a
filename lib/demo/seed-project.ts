/**
 * Everything the demo project needs besides its events: the H100 rate and the reserved pool the
 * self-hosted model runs on (so its GPU cost is computed and idle capacity is reported), then
 * the usage itself through the ingestion path, the pool's idle allocation, realistic pricing
 * plans and a first anomaly detection run, so every page has something true to show at first
 * start. The plans: usage-based at three markups (standard, a scale discount, startup), an
 * outcome-based plan and a hybrid (platform fee + per outcome) priced around the demo's
 * break-even cost per outcome (about $0.17-0.25; $0.000115 per indexed document), and two
 * enterprise subscriptions with allowances. Fully loaded, the nightly re-embedding customers
 * on the standard plan lose money (the idle H100 lands on them), as does one flat-fee customer.
 */
const OUTCOME_PRICES = (scale: number) =>
  [
    ["ticket_resolved", 0.4],
    ["review_completed", 0.3],
    ["document_generated", 0.25],
    ["task_completed", 0.3],
    ["documents_indexed", 0.00025],
  ].map(([outcomeType, price]) => ({
    outcomeType: outcomeType as string,
    price: ((price as number) * scale).toFixed(6),
  }));

const DEMO_PLANS = [
  {
    id: "standard",
    name: "Standard (cost plus 60%)",
    type: "usage",
    pricing: { basis: "markup", markupPercent: "60" },
  },
  {
    id: "scale",
    name: "Scale (cost plus 30%)",
    type: "usage",
    pricing: { basis: "markup", markupPercent: "30" },
    description: "Volume discount for customers above $1,000 a month.",
  },
  {
    id: "startup",
    name: "Startup (cost plus 100%)",
    type: "usage",
    pricing: { basis: "markup", markupPercent: "100" },
  },
  {
    id: "outcome-based",
    name: "Outcome-based (per result)",
    type: "outcome",
    outcomePrices: OUTCOME_PRICES(1),
    description: "Customers pay for results: a resolved ticket, a completed review or task, a generated document.",
  },
  {
    id: "platform-plus-outcomes",
    name: "Platform $29 + per outcome",
    type: "hybrid",
    monthlyFee: "29.00",
    outcomePrices: OUTCOME_PRICES(0.5),
  },
  {
    id: "enterprise-flat",
    name: "Enterprise flat $150/month",
    type: "subscription",
    monthlyFee: "150.00",
    allowance: { unit: "cost", amount: "150.00" },
    description: "Unlimited use for a flat fee: usage past the allowance is included.",
  },
  {
    id: "enterprise-plus",
    name: "Enterprise $600/month, $400 included",
    type: "subscription",
    monthlyFee: "600.00",
    allowance: { unit: "cost", amount: "400.00" },
    overage: { basis: "markup", markupPercent: "40" },
  },
] as const;

/** Plans by customer rank (demoCustomers order, largest first); everyone else is on the standard plan. */
const DEMO_ASSIGNMENTS: { planId: (typeof DEMO_PLANS)[number]["id"]; ranks: [number, number] }[] = [
  { planId: "enterprise-flat", ranks: [0, 4] },
  { planId: "enterprise-plus", ranks: [5, 6] },
  { planId: "scale", ranks: [9, 29] },
  { planId: "outcome-based", ranks: [30, 44] },
  { planId: "platform-plus-outcomes", ranks: [45, 59] },
  { planId: "startup", ranks: [150, 199] },
];
import type { Pool } from "pg";
import { detectProject } from "@/lib/anomalies/db";
import { addDays } from "@/lib/calendar/days";
import { todayIn } from "@/lib/calendar/zone";
import { getDb } from "@/lib/db/client";
import { createPlan, listPlans } from "@/lib/margins/db/plans-repo";
import { replaceAssignments } from "@/lib/margins/db/assignments-repo";
import { createFixedCost } from "@/lib/pricing/db/fixed-costs";
import { computeGpuIdle } from "@/lib/pricing/db/gpu-idle";
import { createGpuPool, createGpuRate, listGpuPools, listGpuRates } from "@/lib/pricing/db/gpu-store";
import { demoCustomers } from "./generate";
import { DEMO_DAYS, seedDemoUsage, type SeedProgress, type SeedResult } from "./seed-usage";

interface DemoProjectResult extends SeedResult {
  anomalies: number;
}

export async function seedDemoProject(
  pool: Pool,
  projectId: string,
  options: { days?: number; eventsPerDay?: number; now?: number; onProgress?: (progress: SeedProgress) => void } = {},
): Promise<DemoProjectResult> {
  const now = options.now ?? Date.now();
  const days = options.days ?? DEMO_DAYS;
  const to = todayIn("UTC", new Date(now));
  const from = addDays(to, -(days - 1));

  if ((await listGpuRates(pool, projectId)).length === 0) {
    await createGpuRate(
      pool,
      projectId,
      {
        gpu_type: "H100",
        effective_from: new Date(`${from}T00:00:00Z`),
        usd_per_gpu_hour: "2.50",
        note: "demo: reserved H100",
      },
      null,
    );
  }
  if ((await listGpuPools(pool, projectId)).length === 0) {
    await createGpuPool(
      pool,
      projectId,
      { name: "eu-1", gpu_type: "H100", gpu_count: 1, effective_from: new Date(`${from}T00:00:00Z`) },
      null,
    );
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
  const customers = demoCustomers(200);
  await replaceAssignments(db, projectId, null, [
    { customer: null, planId: "standard", effectiveFrom: from },
    ...DEMO_ASSIGNMENTS.flatMap(({ planId, ranks: [first, last] }) =>
      customers.slice(first, last + 1).map((customer) => ({ customer: customer.id, planId, effectiveFrom: from })),
    ),
  ]);
  // A fixed cost a finance lead would add, kept as a named overhead line of the fully loaded view.
  await createFixedCost(
    db.pool,
    projectId,
    { name: "Observability and hosting", monthly_usd: "120", rule: "overhead", from_month: from.slice(0, 7) },
    null,
  );
}
