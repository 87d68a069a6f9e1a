import type { ClientBase } from "pg";
import { loadSchemaFiles, type Migration, type RepeatableFile, type SchemaFiles } from "./schema-files";

/**
 * Applies prisma/migrations (each once, in name order) and then prisma/functions (each whenever
 * its checksum changed, in name order); see schema-files.ts and prisma/README.md.
 * Prisma Migrate cannot run on these machines (it downloads a native engine), so this is ours.
 * One transaction for the whole run, under a transaction-scoped advisory lock: two processes
 * starting at once serialise, and the second finds nothing left to apply.
 */
const LOCK_KEY = 7_405_221_913; // any constant shared by every InferLedger process

export interface MigrationReport {
  /** Migrations run. */
  applied: string[];
  /** Migrations recorded without running: the database already had all the ones they squash. */
  recorded: string[];
  /** Function files (re)applied because they were new or changed. */
  functions: string[];
  alreadyApplied: number;
}

export class MigrationChecksumError extends Error {
  constructor(readonly migration: string) {
    super(
      `Migration ${migration} was changed after it was applied (checksum mismatch). ` +
        "Applied migrations are immutable: restore the file and add a new migration instead.",
    );
  }
}

/** A database migrated by a pre-release build with only part of the history a baseline replaced. */
export class OutdatedDatabaseError extends Error {
  constructor(
    readonly baseline: string,
    readonly missing: string[],
  ) {
    super(
      `This database was made by an older pre-release build of InferLedger: it lacks ${missing.length} of the ` +
        `migrations that ${baseline} replaced (${missing.join(", ")}) and cannot be upgraded. ` +
        "Recreate it: for the embedded database, stop InferLedger and delete its data folder " +
        "(INFERLEDGER_DATA_DIR, .data/pglite by default); on PostgreSQL, drop and create the database.",
    );
  }
}

export async function migrate(client: ClientBase, files?: SchemaFiles): Promise<MigrationReport> {
  const { migrations, functions } = files ?? (await loadSchemaFiles());
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
    const report = await applyMigrations(client, migrations);
    report.functions = await applyFunctions(client, functions);
    await client.query("COMMIT");
    return report;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

async function applyMigrations(client: ClientBase, migrations: Migration[]): Promise<MigrationReport> {
  const applied = await checksums(client, "schema_migrations");
  const report: MigrationReport = { applied: [], recorded: [], functions: [], alreadyApplied: applied.size };
  const pending: Migration[] = [];
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum === undefined) pending.push(migration);
    else if (checksum !== migration.checksum) throw new MigrationChecksumError(migration.name);
  }
  for (const migration of pending) {
    const alreadyThere = hasSquashedHistory(migration, applied);
    if (!alreadyThere) await client.query(migration.sql);
    await client.query("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", [
      migration.name,
      migration.checksum,
    ]);
    (alreadyThere ? report.recorded : report.applied).push(migration.name);
  }
  return report;
}

/** True when every migration `migration` squashes is applied: its schema is already there. */
function hasSquashedHistory(migration: Migration, applied: Map<string, string>): boolean {
  const missing = migration.squashes.filter((name) => !applied.has(name));
  if (missing.length > 0 && missing.length < migration.squashes.length) {
    throw new OutdatedDatabaseError(migration.name, missing);
  }
  return migration.squashes.length > 0 && missing.length === 0;
}

/** Runs the new and changed function files; returns their names. */
async function applyFunctions(client: ClientBase, functions: RepeatableFile[]): Promise<string[]> {
  const applied = await checksums(client, "schema_functions");
  const changed = functions.filter((file) => applied.get(file.name) !== file.checksum);
  for (const file of changed) {
    await client.query(file.sql);
    await client.query(
      `INSERT INTO schema_functions (name, checksum) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`,
      [file.name, file.checksum],
    );
  }
  // A deleted file's function stays until a migration drops it; forgetting its row makes a file
  // of that name, added again later, run again.
  await client.query("DELETE FROM schema_functions WHERE name <> ALL($1::text[])", [
    functions.map((file) => file.name),
  ]);
  return changed.map((file) => file.name);
}

/** The checksum of each applied file, from the bookkeeping table (created when missing). */
async function checksums(client: ClientBase, table: "schema_migrations" | "schema_functions") {
  await client.query(`CREATE TABLE IF NOT EXISTS ${table} (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${table}`);
  return new Map(rows.map((row) => [row.name, row.checksum]));
}

/** One line saying what a run changed, or null when it changed nothing. */
export function describeMigrationReport(report: MigrationReport): string | null {
  const parts = [
    report.applied.length ? `applied migrations ${report.applied.join(", ")}` : "",
    report.recorded.length ? `recorded ${report.recorded.join(", ")} (every migration it squashes was applied)` : "",
    report.functions.length ? `applied function files ${report.functions.join(", ")}` : "",
  ];
  return parts.filter(Boolean).join("; ") || null;
}
