/**
 * npm run bench:budgets [-- --events 10000000 --days 120 --customers 2000 --runs 200 --keep]
 * npm run bench:budgets -- --schema bench_xxxx   (re-times a schema kept by --keep, no load)
 *
 * On PostgreSQL (DATABASE_URL or TEST_DATABASE_URL), on the same synthetic load as
 * bench:dashboard: creates budgets (a customer × feature budget for 50 customers, one on the
 * project, one per model and per provider), then times the budget check endpoint's query
 * (checkBudgets, the whole of GET /api/v1/budgets/check after authentication) for random
 * customers, beside the overview's summary query over 30 days in the same run, and prints
 * p50/p95 and their ratio. Goal: check p95 <= 10 ms at 10M events. Then asserts on a sample
 * (every budget that applies to 10 of the calls) that the rollups' spend equals the sum of
 * the raw events' cost over the same days and slice, to the femtodollar; exits 1 if not.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { todayIn } from "@/lib/calendar/zone";
import { resolvePeriod } from "@/lib/analytics/period";
import { getSummary } from "@/lib/analytics/queries/get-summary";
import { checkBudgets, type CheckedBudget } from "@/lib/budgets/db/check";
import { periodSpends } from "@/lib/budgets/db/spend";
import { createBudget } from "@/lib/budgets/db/store";
import { addDays } from "@/lib/calendar/days";
import { usdToFemto, type Femto } from "@/lib/money";
import { percentile, prepareBenchProject, time } from "../dashboard/prepare";
import { openBenchSchema } from "../schema";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "10000000" },
    days: { type: "string", default: "120" },
    customers: { type: "string", default: "2000" },
    runs: { type: "string", default: "200" },
    batch: { type: "string", default: "20000" },
    concurrency: { type: "string", default: "2" },
    keep: { type: "boolean", default: false },
    schema: { type: "string" },
  },
});

const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!base) {
  console.error("bench:budgets needs PostgreSQL: set DATABASE_URL or TEST_DATABASE_URL");
  process.exit(2);
}

interface Key {
  customer: string;
  feature: string;
  model: string;
  provider: string;
}

async function createBudgets(pool: pg.Pool, projectId: string, now: Date): Promise<Key[]> {
  const { rows: org } = await pool.query<{ org_id: string }>("SELECT org_id FROM projects WHERE id = $1", [projectId]);
  const actor = { orgId: org[0]!.org_id, projectId, actorId: null };
  await pool.query("DELETE FROM budgets WHERE project_id = $1", [projectId]);
  const today = todayIn("UTC", now);
  const period = { period: "custom", from: addDays(today, -89), to: addDays(today, 1) };
  const { rows: keys } = await pool.query<Key>(
    "SELECT customer, feature, model, provider FROM usage_cumulative_keys WHERE project_id = $1 ORDER BY md5(customer || feature || model) LIMIT 50",
    [projectId],
  );
  for (const key of keys)
    await createBudget(pool, actor, {
      name: `${key.customer} × ${key.feature}`,
      ...period,
      amount: "100",
      scope: { customer: key.customer, feature: key.feature },
    });
  await createBudget(pool, actor, { name: "Project", ...period, amount: "100000" });
  for (const model of new Set(keys.map((k) => k.model)))
    await createBudget(pool, actor, { name: `Model ${model}`, ...period, amount: "50000", scope: { model } });
  for (const provider of new Set(keys.map((k) => k.provider)))
    await createBudget(pool, actor, { name: `Provider ${provider}`, ...period, amount: "50000", scope: { provider } });
  const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM budgets WHERE project_id = $1", [
    projectId,
  ]);
  console.log(`${rows[0]!.n} budgets (50 customer × feature, 1 project, per model and provider; 90-day custom period)`);
  return keys;
}

async function sample(runs: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await run(i); // warm the pool and the caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await time(() => run(i)))[0]);
  return samples;
}

/** A budget's spend to date from raw events (the bench organisation's zone is UTC): the answer the rollups must give. */
async function rawSpend(pool: pg.Pool, projectId: string, budget: CheckedBudget, to: string): Promise<Femto> {
  const { rows } = await pool.query<{ spent: string }>(
    `SELECT coalesce(sum(cost_total), 0)::text AS spent FROM usage_events
      WHERE project_id = $1 AND occurred_at >= $2::date::timestamp AT TIME ZONE 'UTC' AND occurred_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'
        AND ($4::text IS NULL OR customer = $4) AND ($5::text IS NULL OR feature = $5) AND ($6::text IS NULL OR model = $6) AND ($7::text IS NULL OR provider = $7)`,
    [
      projectId,
      budget.period.from,
      to,
      budget.scope.customer ?? null,
      budget.scope.feature ?? null,
      budget.scope.model ?? null,
      budget.scope.provider ?? null,
    ],
  );
  return usdToFemto(rows[0]!.spent);
}

/** Rollup spend vs raw spend for every budget applying to the first `calls` keys; returns the mismatches. */
async function compareWithRaw(
  pool: pg.Pool,
  projectId: string,
  keys: readonly Key[],
  calls: number,
  now: Date,
): Promise<number> {
  const today = todayIn("UTC", now);
  const budgets = new Map<string, CheckedBudget>();
  for (const key of keys.slice(0, calls))
    for (const budget of (await checkBudgets(pool, projectId, key, now)).budgets) budgets.set(budget.id, budget);
  let mismatches = 0;
  for (const budget of budgets.values()) {
    const to = today < budget.period.to ? today : budget.period.to;
    const [rollup] = await periodSpends(pool, [
      { projectId, scope: budget.scope, basis: "usage", from: budget.period.from, to },
    ]);
    const [rawMs, raw] = await time(() => rawSpend(pool, projectId, budget, to));
    if (rollup !== raw) mismatches++;
    console.log(
      `  ${budget.name.padEnd(40)} rollup ${String(rollup).padStart(24)} raw ${String(raw).padStart(24)} fUSD (raw ${rawMs.toFixed(0)} ms) ${rollup === raw ? "same" : "DIFFERENT"}`,
    );
  }
  console.log(
    `${budgets.size} budgets compared with raw events: ${mismatches === 0 ? "all identical" : `${mismatches} differ`}`,
  );
  return mismatches;
}

async function main(): Promise<number> {
  const runs = Number(values.runs);
  const schema = await openBenchSchema(base!, values.schema);
  const pool = new pg.Pool({ connectionString: schema.url, max: 8 });
  try {
    const projectId = await prepareBenchProject(pool, schema, {
      label: "bench:budgets",
      host: new URL(base!).host,
      events: Number(values.events),
      days: Number(values.days),
      customers: Number(values.customers),
      batchSize: Number(values.batch),
      concurrency: Number(values.concurrency),
    });
    const { rows: count } = await pool.query<{ n: number }>(
      "SELECT count(*)::int8 AS n FROM usage_events WHERE project_id = $1",
      [projectId],
    );
    console.log(`${Number(count[0]!.n).toLocaleString("en-US")} usage events in the project`);
    // The clock is the end of the loaded data: a load stopped early (a kept schema) is timed as
    // if it were today, so the budgets' periods and the summary's 30 days hold data.
    const { rows: end } = await pool.query<{ last: Date }>(
      "SELECT max(occurred_at) AS last FROM usage_events WHERE project_id = $1",
      [projectId],
    );
    const now = new Date(end[0]!.last.getTime() + 60_000);
    console.log(`data ends ${end[0]!.last.toISOString()}: the bench's clock`);
    const keys = await createBudgets(pool, projectId, now);
    const check = await sample(runs, (i) => {
      const key = keys[i % keys.length]!;
      return checkBudgets(pool, projectId, key, now);
    });
    const applied = await checkBudgets(pool, projectId, keys[0]!, now);
    const summary = await sample(Math.max(20, Math.floor(runs / 10)), () =>
      getSummary(pool, { projectId, period: resolvePeriod({ range: "30d" }, "UTC", now), filters: {} }),
    );
    const row = (name: string, samples: number[]) =>
      console.log(
        `${name.padEnd(44)} ${percentile(samples, 0.5).toFixed(2).padStart(8)} ${percentile(samples, 0.95).toFixed(2).padStart(8)} ${String(samples.length).padStart(6)}`,
      );
    console.log(`\n${"query".padEnd(44)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"runs".padStart(6)}`);
    row(`budget check (${applied.budgets.length} budgets apply per call)`, check);
    row("summary, 30 days (the overview)", summary);
    const ratio = percentile(summary, 0.95) / percentile(check, 0.95);
    console.log(
      `\ncheck p95 ${percentile(check, 0.95).toFixed(2)} ms (goal <= 10 ms at 10M events); summary p95 / check p95 = ${ratio.toFixed(1)}x\n`,
    );
    return (await compareWithRaw(pool, projectId, keys, 10, now)) === 0 ? 0 : 1;
  } finally {
    await pool.end();
    await schema.done(values.keep);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
