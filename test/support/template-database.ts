import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { startEmbedded } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { loadSchemaFiles } from "@/lib/db/schema-files";

/**
 * A migrated database made once per set of migrations, which every test file copies instead of
 * running initdb (PGlite: ~8 s per file) and every migration (~1.5 s) itself.
 * PGlite: a `dumpDataDir` tarball under node_modules/.cache. PostgreSQL: a database marked as a
 * template, copied by `CREATE DATABASE … TEMPLATE`. Both are named by a fingerprint of the
 * migrations and function files (and of PGlite's version), so a changed file makes a new one.
 */
const root = path.resolve(import.meta.dirname, "../..");
const cacheDir = path.join(root, "node_modules", ".cache", "inferledger-tests");
const BUILD_LOCK_KEY = 7_405_221_914; // serialises template builds across test workers

async function fingerprint(): Promise<string> {
  const hash = createHash("sha256");
  const { migrations, functions } = await loadSchemaFiles();
  for (const file of [...migrations, ...functions]) hash.update(`${file.name}:${file.checksum}\n`);
  const pglite = JSON.parse(
    await readFile(path.join(root, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8"),
  ) as { version: string };
  hash.update(`pglite:${pglite.version}`);
  return hash.digest("hex").slice(0, 16);
}

/** The path of the migrated PGlite tarball, built first when missing. */
export async function pgliteTemplate(): Promise<string> {
  const file = path.join(cacheDir, `pglite-${await fingerprint()}.tar`);
  if (await exists(file)) return file;
  const owner = await startEmbedded(null);
  try {
    const client = new pg.Client({ connectionString: owner.url });
    await client.connect();
    await migrate(client);
    await client.end();
    await mkdir(cacheDir, { recursive: true });
    // Written aside then renamed: a worker building the same template at once never reads half a file.
    const partial = `${file}.${randomBytes(4).toString("hex")}.partial`;
    await writeFile(partial, Buffer.from(await (await owner.snapshot()).arrayBuffer()));
    await rename(partial, file);
  } finally {
    await owner.close();
  }
  return file;
}

/** The name of the migrated template database on the server at `base`, built first when missing. */
export async function postgresTemplate(base: string): Promise<string> {
  const name = `inferledger_template_${await fingerprint()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query("SELECT pg_advisory_lock($1)", [BUILD_LOCK_KEY]);
    const { rows } = await admin.query<{ datistemplate: boolean }>(
      "SELECT datistemplate FROM pg_database WHERE datname = $1",
      [name],
    );
    if (rows[0]?.datistemplate) return name;
    await dropTemplates(admin); // stale fingerprints, or this one left half-built by a crash
    await admin.query(`CREATE DATABASE ${name}`);
    const client = new pg.Client({ connectionString: databaseUrl(base, name) });
    await client.connect();
    await migrate(client);
    await client.end();
    await admin.query(`ALTER DATABASE ${name} IS_TEMPLATE true`); // marks it complete
    return name;
  } finally {
    await admin.query("SELECT pg_advisory_unlock($1)", [BUILD_LOCK_KEY]);
    await admin.end();
  }
}

async function dropTemplates(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'inferledger\\_template\\_%'",
  );
  for (const { datname } of rows) {
    await admin.query(`ALTER DATABASE ${datname} IS_TEMPLATE false`);
    await admin.query(`DROP DATABASE ${datname} WITH (FORCE)`);
  }
}

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
