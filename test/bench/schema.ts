/**
 * The schema a database benchmark runs in: a fresh `bench_<hex>` schema in the database at
 * `base`, or one an earlier run kept (`--schema`), with the URL that selects it and a `done`
 * that drops it unless it is to be kept.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface BenchSchema {
  name: string;
  /** `base` with `search_path` set to the schema. */
  url: string;
  /** True when the schema was kept by an earlier run (nothing to load). */
  reused: boolean;
  done(keep: boolean): Promise<void>;
}

export async function openBenchSchema(base: string, reuse: string | undefined): Promise<BenchSchema> {
  if (reuse !== undefined && !/^bench_[0-9a-f]+$/.test(reuse))
    throw new Error(`--schema ${reuse}: not a schema a benchmark kept`);
  const name = reuse ?? `bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE SCHEMA ${name}`);
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    reused: reuse !== undefined,
    async done(keep) {
      if (keep || reuse) console.log(`kept schema ${name}`);
      else await admin.query(`DROP SCHEMA ${name} CASCADE`);
      await admin.end();
    },
  };
}
