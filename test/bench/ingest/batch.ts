/**
 * `tsx test/bench/ingest/batch.ts`: the cost of one 1,000-event batch, split into its parts
 * (validation, pricing, the write statement), without HTTP. A/B in one run: schema A is
 * migrated without the function files (prisma/functions) whose names contain BENCH_AB_EXCLUDE
 * (comma-separated), schema B with all of them; batches alternate between the two so that both
 * see the same machine load. Prints ms per batch (median) for each part and each schema.
 * Env: BENCH_DATABASE_URL (default local `test`), BENCH_BATCHES (default 60), BENCH_AB_EXCLUDE.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { loadSchemaFiles } from "@/lib/db/schema-files";
import { getProjectPricing } from "@/lib/pricing/db/book";
import { priceUsageEvent } from "@/lib/pricing/price-event";
import { validateEvents } from "@/lib/ingest/validate";
import { writeBatch } from "@/lib/ingest/write";
import type { UsageRow } from "@/lib/ingest/types";
import { wireEvent } from "./events";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const BATCHES = Number(process.env.BENCH_BATCHES ?? 60);
const EXCLUDE = (process.env.BENCH_AB_EXCLUDE ?? "").split(",").filter(Boolean);

interface Side {
  name: string;
  schema: string;
  pool: pg.Pool;
  projectId: string;
  times: { validate: number[]; price: number[]; write: number[] };
}

async function side(name: string, admin: pg.Client, exclude: string[]): Promise<Side> {
  const schema = `bench_${name}_${randomBytes(3).toString("hex")}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(BASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const client = await pool.connect();
  const { migrations, functions } = await loadSchemaFiles();
  await migrate(client, {
    migrations,
    functions: functions.filter((f) => !exclude.some((part) => f.name.includes(part))),
  });
  const { rows } = await client.query<{ id: string }>(
    `WITH o AS (INSERT INTO organizations (name, slug) VALUES ('b', '${schema}') RETURNING id)
     INSERT INTO projects (org_id, name, slug) SELECT id, 'b', 'b' FROM o RETURNING id`,
  );
  client.release();
  return { name, schema, pool, projectId: rows[0]!.id, times: { validate: [], price: [], write: [] } };
}

async function batch(s: Side, runId: string, from: number, occurredAt: string): Promise<void> {
  const events = Array.from({ length: 1000 }, (_, i) => wireEvent(runId, from + i, occurredAt));
  const t0 = performance.now();
  const { rows } = validateEvents(events, Date.now());
  const t1 = performance.now();
  const pricing = await getProjectPricing(s.pool, s.projectId);
  const t2 = performance.now();
  const priced = rows.map((row) => priceUsageEvent(row as UsageRow, pricing));
  const t3 = performance.now();
  const stored = await writeBatch(s.pool, { projectId: s.projectId, rows, priced });
  const t4 = performance.now();
  if (stored.size !== rows.length) throw new Error(`stored ${stored.size} of ${rows.length}`);
  s.times.validate.push(t1 - t0);
  s.times.price.push(t3 - t2);
  s.times.write.push(t4 - t3);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  const sides = [await side("a", admin, EXCLUDE), await side("b", admin, [])];
  const occurredAt = new Date(Date.now() - 60_000).toISOString();
  const runId = `r${randomBytes(3).toString("hex")}`;
  try {
    // Warm-up (caches, JIT), not timed.
    for (const s of sides) for (let w = 0; w < 5; w++) await batch(s, `${runId}w`, w * 1000, occurredAt);
    for (const s of sides) s.times = { validate: [], price: [], write: [] };
    for (let b = 0; b < BATCHES; b++) for (const s of sides) await batch(s, runId, b * 1000, occurredAt);
    console.log(
      `A = function files without [${EXCLUDE.join(", ")}], B = all; ${BATCHES} batches of 1,000 each, medians (ms/batch)`,
    );
    for (const s of sides) {
      console.log(
        `${s.name.toUpperCase()}: validate ${median(s.times.validate).toFixed(2)}  price ${median(s.times.price).toFixed(2)}  write ${median(s.times.write).toFixed(2)}`,
      );
    }
    if (process.env.BENCH_EXPLAIN) {
      // One more batch on the side named by BENCH_EXPLAIN (a or b) with auto_explain's plans
      // of every statement, nested ones (the triggers') included, sent to this client.
      const s = sides.find((x) => x.name === process.env.BENCH_EXPLAIN)!;
      await s.pool.end();
      const url = new URL(BASE_URL);
      url.searchParams.set("options", `-c search_path=${s.schema}`);
      s.pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
      s.pool.on("connect", (client) => {
        client.on("notice", (notice) => console.log(notice.message));
        void client.query(
          "LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_nested_statements = on; SET auto_explain.log_timing = on; SET client_min_messages = log",
        );
      });
      await batch(s, runId, BATCHES * 1000, occurredAt);
    }
  } finally {
    for (const s of sides) {
      await s.pool.end();
      if (process.env.BENCH_KEEP_SCHEMA !== "1") await admin.query(`DROP SCHEMA ${s.schema} CASCADE`);
    }
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
