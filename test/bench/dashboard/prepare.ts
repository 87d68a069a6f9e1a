/**
 * The project a database benchmark times: loaded into a fresh schema (migrations, one project,
 * the synthetic load through the ingestion write path, VACUUM ANALYZE), or found in a schema an
 * earlier run kept (migrations added since are applied first, and timed). Shared by
 * bench:dashboard and bench:budgets so both measure the same data.
 */
import type pg from "pg";
import { describeMigrationReport, migrate } from "@/lib/db/migrate";
import { progressBar } from "@/lib/demo/seed-usage";
import type { BenchSchema } from "../schema";
import { loadEvents } from "./load";

interface PrepareOptions {
  label: string;
  host: string;
  events: number;
  days: number;
  customers: number;
  batchSize: number;
  concurrency: number;
}

export async function time<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = process.hrtime.bigint();
  const result = await run();
  return [Number(process.hrtime.bigint() - started) / 1e6, result];
}

export function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function loadSchema(pool: pg.Pool, schema: string, options: PrepareOptions): Promise<string> {
  const client = await pool.connect();
  await migrate(client);
  const org = await client.query<{ id: string }>(
    "INSERT INTO organizations (name, slug) VALUES ('Bench', 'bench') RETURNING id",
  );
  const project = await client.query<{ id: string }>(
    "INSERT INTO projects (org_id, name, slug) VALUES ($1, 'Bench', 'bench') RETURNING id",
    [org.rows[0]!.id],
  );
  client.release();
  const projectId = project.rows[0]!.id;

  console.log(
    `${options.label} on ${options.host} schema ${schema}: loading ${options.events.toLocaleString("en-US")} events over ${options.days} days`,
  );
  const bar = progressBar("load");
  const [loadMs] = await time(() =>
    loadEvents(pool, projectId, {
      events: options.events,
      days: options.days,
      customers: options.customers,
      batchSize: options.batchSize,
      concurrency: options.concurrency,
      now: Date.now(),
      onProgress: (done) => bar({ done, total: options.events }),
    }),
  );
  await pool.query("VACUUM ANALYZE");
  const sizes = await pool.query<{ table: string; rows: number }>(
    `SELECT relname AS table, n_live_tup::int8 AS rows FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname LIKE 'usage_%' ORDER BY relname`,
  );
  console.log(
    `loaded in ${(loadMs / 1000).toFixed(1)} s (${Math.round(options.events / (loadMs / 1000)).toLocaleString("en-US")} events/s)`,
  );
  for (const row of sizes.rows)
    console.log(`  ${row.table.padEnd(30)} ${Number(row.rows).toLocaleString("en-US").padStart(12)} rows`);
  return projectId;
}

async function keptProject(pool: pg.Pool, label: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>("SELECT id FROM projects WHERE slug = 'bench'");
  if (!rows[0]) throw new Error("the kept schema has no bench project");
  const client = await pool.connect();
  const [migrateMs, report] = await time(() => migrate(client)).finally(() => client.release());
  const changed = describeMigrationReport(report);
  if (changed) {
    console.log(`${changed} in ${(migrateMs / 1000).toFixed(1)} s`);
    await pool.query("VACUUM ANALYZE");
  }
  console.log(`${label} re-timing kept schema (no load)`);
  return rows[0].id;
}

export function prepareBenchProject(pool: pg.Pool, schema: BenchSchema, options: PrepareOptions): Promise<string> {
  return schema.reused ? keptProject(pool, options.label) : loadSchema(pool, schema.name, options);
}
