import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { startEmbedded, type EmbeddedOwner } from "@/lib/db/embedded";
import { databaseUrl, pgliteTemplate, postgresTemplate } from "./template-database";
import { closeDb, getDb, type Database } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite served over the Postgres
 * protocol by default, or a new database on TEST_DATABASE_URL's server when that is set (CI runs both).
 * Sets DATABASE_URL so the app code under test uses it through its normal client.
 */
interface TestDatabase extends Database {
  url: string;
  backend: "pglite" | "postgres";
}

export function testBackend(): "pglite" | "postgres" {
  return process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
}

interface CreatedDatabase {
  url: string;
  dispose(): Promise<void>;
}

/** An empty database (the migration runner's own tests start from one). */
export async function createTestDatabase(): Promise<CreatedDatabase> {
  return createDatabase(null);
}

/** A database with every migration applied, copied from the run's template (see template-database.ts). */
async function createMigratedTestDatabase(): Promise<CreatedDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return createDatabase(new Blob([await readFile(await pgliteTemplate())]));
  return createDatabase(await postgresTemplate(base));
}

async function createDatabase(template: Blob | string | null): Promise<CreatedDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const owner: EmbeddedOwner = await startEmbedded(null, template instanceof Blob ? { snapshot: template } : {});
    return { url: owner.url, dispose: () => owner.close() };
  }
  const name = `test_${randomBytes(6).toString("hex")}`;
  await withAdmin(base, (admin) =>
    admin.query(
      typeof template === "string" ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`,
    ),
  );
  return {
    url: databaseUrl(base, name),
    dispose: () => withAdmin(base, (admin) => dropWhenFree(admin, name)),
  };
}

/**
 * Drops the file's database once its connections are gone. Not WITH (FORCE): a pool of this process
 * still ending its clients would receive "terminating connection" as an uncaught error. A database
 * still in use after a few seconds is left behind (a later run's server is fresh in CI).
 */
async function dropWhenFree(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006") throw error; // 55006: in use by other sessions
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function withAdmin(base: string, run: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await run(admin);
  } finally {
    await admin.end();
  }
}

/** Registers beforeAll/afterAll hooks; the returned object is filled once beforeAll ran. */
export function useTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createMigratedTestDatabase();
    dispose = created.dispose;
    process.env.DATABASE_URL = created.url;
    resetEnvForTests();
    Object.assign(handle, getDb(), { url: created.url, backend: testBackend() });
  });
  afterAll(async () => {
    await closeDb();
    await dispose?.();
  });
  return handle;
}
