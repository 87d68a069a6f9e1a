/**
 * npm run bench:margins [-- --events 2000000 --days 90 --customers 2000 --runs 10 --keep]
 * npm run bench:margins -- --schema bench_xxxx   (re-times a schema kept by --keep, no load)
 *   --no-day-timing: the day-level report is still computed once per range and must equal the
 *   read model's, but is not timed per run (a 90-day run at 10M events is 12 s of it)
 *   (a schema kept by bench:budgets or bench:dashboard, same load without plans, gets the plans)
 *
 * On PostgreSQL (DATABASE_URL or TEST_DATABASE_URL), in a fresh schema: loads the synthetic
 * usage of bench:dashboard through the ingestion write path (every rollup level, usage_monthly
 * included), gives every customer a cost-plus plan, the 20 largest a subscription with an
 * allowance (the demo's plans) and 100 others a volume plan from a day inside a month (a cut
 * the read model must honour), then times the margins answer (GET /api/v1/margins' JSON body:
 * load the period from the month read model, run the engine, map to the wire, stringify) over 7,
 * 30 and 90 days, beside its database read and its engine run alone and the same engine on every
 * daily row. Before timing, each range's report from the read model must equal the day-level one
 * exactly (every customer's cost, revenue and margin to the femtodollar), or the run fails. Baseline in the
 * same run: the dashboard's costs by customer over the same period, the least a margins page
 * needs (cost per customer).
 */
import { deepStrictEqual } from "node:assert";
import { parseArgs } from "node:util";
import pg from "pg";
import { closeDb, getDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { progressBar } from "@/lib/demo/seed-usage";
import { resolvePeriod } from "@/lib/analytics/period";
import { getCostBreakdown } from "@/lib/analytics/queries/get-cost-breakdown";
import { replaceAssignments } from "@/lib/margins/db/assignments-repo";
import { loadPeriod } from "@/lib/margins/db/load-period";
import { createPlan } from "@/lib/margins/db/plans-repo";
import { marginsAnswer } from "@/lib/margins/db/answers";
import { marginsToWire } from "@/lib/margins/wire";
import { computeMargins } from "@/lib/margins/engine";
import { loadEvents } from "../dashboard/load";
import { openBenchSchema } from "../schema";
import { rerunWithServerFlags } from "@/lib/launcher/node-flags";

// Timed in this process: with the flags the server runs with (lib/launcher/node-flags.ts).
rerunWithServerFlags();

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "2000000" },
    days: { type: "string", default: "90" },
    customers: { type: "string", default: "2000" },
    runs: { type: "string", default: "10" },
    keep: { type: "boolean", default: false },
    schema: { type: "string" },
    "no-day-timing": { type: "boolean", default: false },
  },
});

const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!base) {
  console.error("bench:margins needs PostgreSQL: set DATABASE_URL or TEST_DATABASE_URL");
  process.exit(1);
}

const SUBSCRIBERS = 20;
const VOLUME_CUSTOMERS = 100;
const PLANS = [
  {
    id: "standard",
    name: "Standard (cost plus 60%)",
    type: "usage",
    pricing: { basis: "markup", markupPercent: "60" },
  },
  { id: "volume", name: "Volume (cost plus 35%)", type: "usage", pricing: { basis: "markup", markupPercent: "35" } },
  {
    id: "enterprise",
    name: "Enterprise $500/month",
    type: "subscription",
    monthlyFee: "500.00",
    allowance: { unit: "cost", amount: "300.00" },
    overage: { basis: "markup", markupPercent: "20" },
  },
];

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

const percentile = (samples: number[], q: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;

async function loadSchema(pool: pg.Pool, events: number): Promise<string> {
  const client = await pool.connect();
  await migrate(client).finally(() => client.release());
  const org = await pool.query<{ id: string }>(
    "INSERT INTO organizations (name, slug) VALUES ('Bench', 'bench') RETURNING id",
  );
  const project = await pool.query<{ id: string }>(
    "INSERT INTO projects (org_id, name, slug) VALUES ($1, 'Bench', 'bench') RETURNING id",
    [org.rows[0]!.id],
  );
  const projectId = project.rows[0]!.id;
  const days = Number(values.days);
  console.log(`loading ${events.toLocaleString("en-US")} events over ${days} days, ${values.customers} customers`);
  const bar = progressBar("load");
  const now = Date.now();
  await loadEvents(pool, projectId, {
    events,
    days,
    customers: Number(values.customers),
    batchSize: 20_000,
    concurrency: 2,
    now,
    onProgress: (done) => bar({ done, total: events }),
  });
  await pool.query("VACUUM ANALYZE");
  await setUpPlans(projectId, now);
  return projectId;
}

/**
 * The plans every run times: each customer on cost plus, the largest on a subscription with an
 * allowance, a hundred others on a volume plan from the 15th of last month (a cut inside a month).
 * Also run on a schema kept by bench:budgets or bench:dashboard (same load, no plans).
 */
async function setUpPlans(projectId: string, now: number): Promise<void> {
  const db = getDb();
  for (const plan of PLANS) await createPlan(db, projectId, null, plan);
  const from = new Date(now - (Number(values.days) + 1) * 86_400_000).toISOString().slice(0, 10);
  const { rows: largest } = await db.pool.query<{ customer: string }>(
    "SELECT customer FROM usage_daily_customer WHERE project_id = $1 GROUP BY customer ORDER BY sum(cost_total) DESC LIMIT $2",
    [projectId, SUBSCRIBERS],
  );
  // The 15th of the month before today: a cut inside a month of the 30- and 90-day periods.
  const today = new Date(now);
  const volumeFrom = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 15)).toISOString().slice(0, 10);
  await replaceAssignments(db, projectId, null, [
    { customer: null, planId: "standard", effectiveFrom: from },
    ...largest.map(({ customer }) => ({ customer, planId: "enterprise", effectiveFrom: from })),
    ...Array.from({ length: VOLUME_CUSTOMERS }, (_, i) => ({
      customer: `cust-${SUBSCRIBERS * 10 + i}`,
      planId: "volume",
      effectiveFrom: volumeFrom,
    })),
  ]);
}

/** The kept schema's project, given the benchmark's plans if another benchmark kept it (no plans). */
async function keptProject(): Promise<string> {
  const db = getDb();
  const project = await db.pool.query<{ id: string }>("SELECT id FROM projects WHERE slug = 'bench'");
  if (project.rows.length === 0) throw new Error(`--schema ${values.schema}: no project 'bench' in it`);
  const projectId = project.rows[0]!.id;
  const plans = await db.pool.query("SELECT 1 FROM pricing_plans WHERE project_id = $1 LIMIT 1", [projectId]);
  if (plans.rows.length === 0) {
    await setUpPlans(projectId, Date.now());
    console.log(`schema ${values.schema} had no plans: set up the benchmark's plans and assignments`);
  }
  return projectId;
}

/** GET /api/v1/margins' JSON body, as the route builds it (the API's default: every customer's features). */
async function answerBody(projectId: string, period: { from: string; to: string }): Promise<string> {
  const answer = await marginsAnswer(getDb(), projectId, period, { groupBy: "customer", costBasis: "loaded" });
  return JSON.stringify(marginsToWire(answer));
}

async function main(): Promise<void> {
  const schema = await openBenchSchema(base!, values.schema);
  process.env.DATABASE_URL = schema.url;
  const db = getDb();
  const runs = Number(values.runs);
  try {
    const projectId = schema.reused ? await keptProject() : await loadSchema(db.pool, Number(values.events));
    console.log(`\nnode flags: ${process.env.NODE_OPTIONS} (the server's, lib/launcher/node-flags.ts)`);
    console.log(
      "range  daily rows  customers   answer p50 / p95 ms   body MB   read p50   engine p50   day-level p50   costs by customer p50   answer / costs",
    );
    for (const range of ["7d", "30d", "90d"] as const) {
      const resolved = resolvePeriod({ range }, "UTC");
      const { from, to } = resolved.current;
      const period = { from, to };
      const days = computeMargins((await loadPeriod(db, projectId, period, { usage: "days" })).input);
      deepStrictEqual(
        computeMargins((await loadPeriod(db, projectId, period)).input),
        days,
        `${range}: the read model's report differs from the day-level one`,
      );
      // One untimed answer first: the check above ran the read and the engine, not the answer's
      // shaping, whose first call (compiling it) was every range's slowest run, 7 days' p95.
      const size = (await answerBody(projectId, period)).length;
      const answer: number[] = [];
      const read: number[] = [];
      const engine: number[] = [];
      const dayLevel: number[] = [];
      const costs: number[] = [];
      for (let i = 0; i < runs; i++) {
        answer.push((await time(() => answerBody(projectId, period)))[0]);
        const [readMs, loaded] = await time(() => loadPeriod(db, projectId, period));
        read.push(readMs);
        engine.push((await time(async () => computeMargins(loaded.input)))[0]);
        if (!values["no-day-timing"])
          dayLevel.push(
            (
              await time(async () => computeMargins((await loadPeriod(db, projectId, period, { usage: "days" })).input))
            )[0],
          );
        costs.push(
          (
            await time(() =>
              getCostBreakdown(db.pool, {
                projectId,
                period: resolved,
                groupBy: "customer",
                filters: {},
                source: "levels",
              }),
            )
          )[0],
        );
      }
      const { rows } = await db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM usage_daily WHERE project_id = $1 AND day BETWEEN $2 AND $3",
        [projectId, from, to],
      );
      const p50 = percentile(answer, 0.5);
      console.log(
        `${range.padEnd(5)} ${rows[0]!.n.toLocaleString("en-US").padStart(11)} ${String(days.customers.length).padStart(10)}   ${p50.toFixed(0).padStart(8)} / ${percentile(answer, 0.95).toFixed(0).padEnd(8)}  ${(size / 1e6).toFixed(1).padStart(7)}  ${percentile(read, 0.5).toFixed(0).padStart(8)} ${percentile(engine, 0.5).toFixed(0).padStart(12)} ${(dayLevel.length ? percentile(dayLevel, 0.5).toFixed(0) : "-").padStart(15)} ${percentile(costs, 0.5).toFixed(1).padStart(23)} ${(p50 / percentile(costs, 0.5)).toFixed(1).padStart(16)}x`,
      );
    }
    console.log(
      "\nidentical: every range's report from the read model equals the day-level report (every customer's cost, revenue and margin, exact)",
    );
  } finally {
    await closeDb();
    await schema.done(values.keep);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
