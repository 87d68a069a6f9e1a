import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { startEmbedded, type EmbeddedOwner } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { closeDb, getDb, type Database } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite served over the Postgres
 * protocol by default, or a new schema in TEST_DATABASE_URL when that is set (CI runs both).
 * Sets DATABASE_URL so the app code under test uses it through its normal client.
 */
export interface TestDatabase extends Database {
  url: string;
  backend: "pglite" | "postgres";
}

export function testBackend(): "pglite" | "postgres" {
  return process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
}

export async function createTestDatabase(): Promise<{ url: string; dispose(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const owner: EmbeddedOwner = await startEmbedded(null);
    return { url: owner.url, dispose: () => owner.close() };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async dispose() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Registers beforeAll/afterAll hooks; the returned object is filled once beforeAll ran. */
export function useTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createTestDatabase();
    dispose = created.dispose;
    process.env.DATABASE_URL = created.url;
    resetEnvForTests();
    const client = new pg.Client({ connectionString: created.url });
    await client.connect();
    await migrate(client);
    await client.end();
    Object.assign(handle, getDb(), { url: created.url, backend: testBackend() });
  });
  afterAll(async () => {
    await closeDb();
    await dispose?.();
  });
  return handle;
}
