import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The SQL that makes the schema, as lib/db/migrate.ts applies it:
 * - prisma/migrations/<timestamp>_<name>/migration.sql: tables, constraints, indexes; each runs
 *   once, in name order, and never changes after it was applied. A `squashes.txt` beside it lists
 *   the migrations it replaced (one name a line, `#` comments).
 * - prisma/functions/<name>.sql: functions, aggregates and their triggers, written to be re-run
 *   (CREATE OR REPLACE); re-applied, in name order, whenever the file changes.
 */
const PRISMA_DIR = path.join(process.cwd(), "prisma");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
  /** The older migrations this one replaces: a database that ran all of them has its schema. */
  squashes: string[];
}

export interface RepeatableFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface SchemaFiles {
  migrations: Migration[];
  functions: RepeatableFile[];
}

export async function loadSchemaFiles(dir = PRISMA_DIR): Promise<SchemaFiles> {
  const [migrations, functions] = await Promise.all([
    loadMigrations(path.join(dir, "migrations")),
    loadFunctions(path.join(dir, "functions")),
  ]);
  return { migrations, functions };
}

async function loadMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      const squashes = await readFile(path.join(dir, name, "squashes.txt"), "utf8").then(nameLines, () => []);
      return { name, sql, checksum: sha256(sql), squashes };
    }),
  );
}

async function loadFunctions(dir: string): Promise<RepeatableFile[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith(".sql")).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(path.join(dir, file), "utf8");
      return { name: file.slice(0, -".sql".length), sql, checksum: sha256(sql) };
    }),
  );
}

function nameLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
