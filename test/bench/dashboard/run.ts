/**
 * npm run bench:dashboard [-- --events 10000000 --days 120 --customers 2000 --runs 20]
 * npm run bench:dashboard -- --schema bench_xxxx [--only customer]   (re-times a schema kept by --keep, no load)
 *
 * On PostgreSQL (DATABASE_URL or TEST_DATABASE_URL), in a fresh schema: loads synthetic usage
 * through the ingestion write path, then times every dashboard / read-API query over 7, 30 and
 * 90 days from the rollups (p50/p95 of --runs runs), computes the same answers from raw
 * usage_events in the same run, asserts both are identical, and prints the ratio.
 */
import { isDeepStrictEqual, parseArgs } from "node:util";
import pg from "pg";
import { resolvePeriod } from "@/lib/analytics/period";
import { getCostBreakdown } from "@/lib/analytics/queries/get-cost-breakdown";
import { getCounterfactual } from "@/lib/analytics/queries/get-counterfactual";
import { getSummary } from "@/lib/analytics/queries/get-summary";
import { getTimeseries } from "@/lib/analytics/queries/get-timeseries";
import { listUsageEvents } from "@/lib/analytics/queries/list-usage-events";
import type { SourceMode } from "@/lib/analytics/sql";
import { openBenchSchema } from "../schema";
import { percentile, prepareBenchProject, time } from "./prepare";
import { rerunWithServerFlags } from "@/lib/launcher/node-flags";

// Timed in this process: with the flags the server runs with (lib/launcher/node-flags.ts).
rerunWithServerFlags();

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "10000000" },
    days: { type: "string", default: "120" },
    customers: { type: "string", default: "2000" },
    runs: { type: "string", default: "20" },
    "raw-runs": { type: "string", default: "1" },
    batch: { type: "string", default: "20000" },
    concurrency: { type: "string", default: "2" },
    keep: { type: "boolean", default: false },
    schema: { type: "string" },
    only: { type: "string" },
  },
});

const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!base) {
  console.error("bench:dashboard needs PostgreSQL: set DATABASE_URL or TEST_DATABASE_URL");
  process.exit(2);
}

type Query = (pool: pg.Pool, projectId: string, mode: SourceMode, range: "7d" | "30d" | "90d") => Promise<unknown>;

const period = (range: "7d" | "30d" | "90d") => resolvePeriod({ range }, "UTC");
const QUERIES: Record<string, Query> = {
  summary: (pool, projectId, source, range) =>
    getSummary(pool, { projectId, period: period(range), filters: {}, source }),
  "costs by day": (pool, projectId, source, range) =>
    getCostBreakdown(pool, { projectId, period: period(range), groupBy: "day", filters: {}, source }),
  "costs by feature": (pool, projectId, source, range) =>
    getCostBreakdown(pool, { projectId, period: period(range), groupBy: "feature", filters: {}, source }),
  "costs by customer": (pool, projectId, source, range) =>
    getCostBreakdown(pool, { projectId, period: period(range), groupBy: "customer", filters: {}, source }),
  "costs by model": (pool, projectId, source, range) =>
    getCostBreakdown(pool, { projectId, period: period(range), groupBy: "model", filters: {}, source }),
  "costs by provider": (pool, projectId, source, range) =>
    getCostBreakdown(pool, { projectId, period: period(range), groupBy: "provider", filters: {}, source }),
  "customers of one feature": (pool, projectId, source, range) =>
    getCostBreakdown(pool, {
      projectId,
      period: period(range),
      groupBy: "customer",
      filters: { feature: ["agent"] },
      source,
    }),
  "timeseries by feature": (pool, projectId, source, range) =>
    getTimeseries(pool, { projectId, period: period(range), stackBy: "feature", top: 5, filters: {}, source }),
  "timeseries by model": (pool, projectId, source, range) =>
    getTimeseries(pool, { projectId, period: period(range), stackBy: "model", top: 5, filters: {}, source }),
  "timeseries by customer": (pool, projectId, source, range) =>
    getTimeseries(pool, { projectId, period: period(range), stackBy: "customer", top: 5, filters: {}, source }),
  "compare feature on gpt-4o-mini": (pool, projectId, source, range) =>
    getCounterfactual(pool, {
      projectId,
      period: period(range),
      dimension: "feature",
      key: "support-bot",
      targetModel: "gpt-4o-mini",
      priceDate: "each_day",
      filters: {},
      source,
    }),
};

async function main(): Promise<number> {
  const events = Number(values.events);
  const runs = Number(values.runs);
  const rawRuns = Number(values["raw-runs"]);
  const schema = await openBenchSchema(base!, values.schema);
  const pool = new pg.Pool({ connectionString: schema.url, max: 8 });
  let failures = 0;
  try {
    const projectId = await prepareBenchProject(pool, schema, {
      label: "bench:dashboard",
      host: new URL(base!).host,
      events,
      days: Number(values.days),
      customers: Number(values.customers),
      batchSize: Number(values.batch),
      concurrency: Number(values.concurrency),
    });

    const explorer = await Promise.all(Array.from({ length: runs }, () => 0)).then(async () => {
      const samples: number[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < runs; i++) {
        const [ms, page] = await time(() => listUsageEvents(pool, { projectId, filters: {}, limit: 100, cursor }));
        samples.push(ms);
        cursor = page.next_cursor ?? undefined;
      }
      return samples;
    });

    console.log("\nquery                              range   p50 ms   p95 ms   raw ms   raw/rollup  same");
    let worstP95 = 0;
    for (const range of ["7d", "30d", "90d"] as const) {
      for (const [name, query] of Object.entries(QUERIES)) {
        if (values.only && !name.includes(values.only)) continue;
        await query(pool, projectId, "levels", range);
        const samples: number[] = [];
        let answer: unknown;
        for (let i = 0; i < runs; i++) {
          const [ms, result] = await time(() => query(pool, projectId, "levels", range));
          samples.push(ms);
          answer = result;
        }
        const rawSamples: number[] = [];
        let rawAnswer: unknown;
        for (let i = 0; i < rawRuns; i++) {
          const [ms, result] = await time(() => query(pool, projectId, "raw", range));
          rawSamples.push(ms);
          rawAnswer = result;
        }
        const same = isDeepStrictEqual(answer, rawAnswer);
        if (!same) failures++;
        const p50 = percentile(samples, 0.5);
        const p95 = percentile(samples, 0.95);
        worstP95 = Math.max(worstP95, p95);
        const raw = percentile(rawSamples, 0.5);
        console.log(
          `${name.padEnd(34)} ${range.padStart(5)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${raw.toFixed(0).padStart(8)} ${(raw / p50).toFixed(0).padStart(10)}x  ${same ? "yes" : "NO"}`,
        );
      }
    }
    console.log(
      `${"usage-events page (raw by design)".padEnd(34)} ${"-".padStart(5)} ${percentile(explorer, 0.5).toFixed(1).padStart(8)} ${percentile(explorer, 0.95).toFixed(1).padStart(8)}`,
    );
    console.log(
      `\nworst rollup p95: ${worstP95.toFixed(1)} ms (goal <= 100 ms at 10M events); raw and rollup answers ${failures ? `DIFFER in ${failures} queries` : "identical in every query"}`,
    );
  } finally {
    await pool.end();
    await schema.done(values.keep);
  }
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
