import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrations, migrate, MigrationChecksumError, type Migration } from "@/lib/db/migrate";
import { createTestDatabase } from "../support/database";

let url: string;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ url, dispose } = await createTestDatabase());
});
afterAll(() => dispose());

async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe("the migration runner", () => {
  it("applies every migration to a fresh database, then nothing on a re-run", async () => {
    const migrations = await loadMigrations();
    const first = await withClient((client) => migrate(client, migrations));
    expect(first.applied).toEqual(migrations.map((migration) => migration.name));
    const second = await withClient((client) => migrate(client, migrations));
    expect(second).toEqual({ applied: [], alreadyApplied: migrations.length });
  });

  it("applies a new migration once when two processes start at the same time", async () => {
    const extra: Migration = {
      name: "29990101000000_concurrency_probe",
      sql: "CREATE TABLE concurrency_probe (id int PRIMARY KEY); INSERT INTO concurrency_probe VALUES (1);",
      checksum: "probe-v1",
    };
    const migrations = [...(await loadMigrations()), extra];
    const reports = await Promise.all([1, 2, 3].map(() => withClient((client) => migrate(client, migrations))));
    expect(reports.map((report) => report.applied).flat()).toEqual([extra.name]);
    const rows = await withClient((client) => client.query("SELECT count(*)::int AS n FROM concurrency_probe"));
    expect(rows.rows[0].n).toBe(1);
  });

  it("refuses to run when an applied migration was edited, and changes nothing", async () => {
    const migrations = await loadMigrations();
    const tampered = migrations.map((migration, index) =>
      index === 0 ? { ...migration, sql: `${migration.sql}\n-- edited`, checksum: "tampered" } : migration,
    );
    const pending: Migration = {
      name: "29990202000000_never",
      sql: "CREATE TABLE never_created (id int);",
      checksum: "x",
    };
    await expect(withClient((client) => migrate(client, [...tampered, pending]))).rejects.toThrow(
      MigrationChecksumError,
    );
    const exists = await withClient((client) => client.query("SELECT to_regclass('never_created') AS t"));
    expect(exists.rows[0].t).toBeNull();
  });
});
