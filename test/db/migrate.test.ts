import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrate, MigrationChecksumError, OutdatedDatabaseError } from "@/lib/db/migrate";
import { loadSchemaFiles, type Migration, type SchemaFiles } from "@/lib/db/schema-files";
import { createTestDatabase } from "../support/database";

let url: string;
let dispose: () => Promise<void>;
let files: SchemaFiles;

beforeAll(async () => {
  ({ url, dispose } = await createTestDatabase());
  files = await loadSchemaFiles();
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

const query = (sql: string, params: unknown[] = []) => withClient((client) => client.query(sql, params));
const names = (list: { name: string }[]) => list.map((file) => file.name);

describe("the migration runner", () => {
  it("applies every migration and function file to an empty database, then nothing on a re-run", async () => {
    const first = await withClient((client) => migrate(client, files));
    expect(first).toEqual({
      applied: names(files.migrations),
      recorded: [],
      functions: names(files.functions),
      alreadyApplied: 0,
    });
    const second = await withClient((client) => migrate(client, files));
    expect(second).toEqual({ applied: [], recorded: [], functions: [], alreadyApplied: files.migrations.length });
  });

  it("applies a new migration once when two processes start at the same time", async () => {
    const extra = migration(
      "29990101000000_concurrency_probe",
      "CREATE TABLE concurrency_probe (id int PRIMARY KEY); INSERT INTO concurrency_probe VALUES (1);",
    );
    const withExtra = { ...files, migrations: [...files.migrations, extra] };
    const reports = await Promise.all([1, 2, 3].map(() => withClient((client) => migrate(client, withExtra))));
    expect(reports.flatMap((report) => report.applied)).toEqual([extra.name]);
    expect(reports.flatMap((report) => report.functions)).toEqual([]);
    const rows = await query("SELECT count(*)::int AS n FROM concurrency_probe");
    expect(rows.rows[0].n).toBe(1);
  });

  it("refuses to run when an applied migration was edited, and changes nothing", async () => {
    const tampered = files.migrations.map((m, index) =>
      index === 0 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: "tampered" } : m,
    );
    const pending = migration("29990202000000_never", "CREATE TABLE never_created (id int);");
    await expect(
      withClient((client) => migrate(client, { ...files, migrations: [...tampered, pending] })),
    ).rejects.toThrow(MigrationChecksumError);
    expect((await query("SELECT to_regclass('never_created') AS t")).rows[0].t).toBeNull();
  });

  it("re-applies a function file when its text changes, and only that one", async () => {
    const edited = withFunction(
      "lock_project_rollups",
      (sql) => `${sql}\nCOMMENT ON FUNCTION lock_project_rollups(uuid, boolean) IS 'v2';\n`,
    );
    const report = await withClient((client) => migrate(client, edited));
    expect(report).toMatchObject({ applied: [], functions: ["lock_project_rollups"] });
    const comment = await query("SELECT obj_description('lock_project_rollups'::regproc, 'pg_proc') AS c");
    expect(comment.rows[0].c).toBe("v2");
    expect((await withClient((client) => migrate(client, edited))).functions).toEqual([]);
    expect((await withClient((client) => migrate(client, files))).functions).toEqual(["lock_project_rollups"]);
  });

  it("forgets a deleted function file, so that the file runs again when it comes back", async () => {
    const without = { ...files, functions: files.functions.filter((file) => file.name !== "sum_int8") };
    expect((await withClient((client) => migrate(client, without))).functions).toEqual([]);
    const recorded = await query("SELECT name FROM schema_functions ORDER BY name");
    expect(recorded.rows.map((row) => row.name)).toEqual(names(without.functions));
    expect((await withClient((client) => migrate(client, files))).functions).toEqual(["sum_int8"]);
  });

  it("rolls back the migrations of a run whose function file fails", async () => {
    const pending = migration("29990303000000_rolled_back", "CREATE TABLE rolled_back (id int);");
    const broken = withFunction("lock_project_rollups", (sql) => `${sql}\nSELECT no_such_function();\n`);
    await expect(
      withClient((client) => migrate(client, { ...broken, migrations: [...files.migrations, pending] })),
    ).rejects.toThrow(/no_such_function/);
    expect((await query("SELECT to_regclass('rolled_back') AS t")).rows[0].t).toBeNull();
    expect((await withClient((client) => migrate(client, files))).functions).toEqual([]);
  });
});

describe("a database made by the pre-release migrations the baseline squashes", () => {
  const baseline = () => files.migrations.find((m) => m.squashes.length > 0)!;

  beforeEach(async () => {
    await query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  });

  /** The schema the old chain made (proven equal to baseline + functions) and its bookkeeping. */
  async function madeByOldChain(recorded: string[]): Promise<void> {
    await query(baseline().sql);
    for (const file of files.functions) await query(file.sql);
    await query(
      "CREATE TABLE schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    await query("INSERT INTO schema_migrations (name, checksum) SELECT n, 'old' FROM unnest($1::text[]) AS n", [
      recorded,
    ]);
    await query("INSERT INTO organizations (name, slug) VALUES ('Kept', 'kept')");
  }

  it("lists the 24 migrations it replaced", () => {
    expect(baseline().squashes).toHaveLength(24);
    expect(baseline().squashes[0]).toBe("20261127140000_init");
  });

  it("gets the baseline recorded without running it, then the function files applied", async () => {
    await madeByOldChain(baseline().squashes);
    const report = await withClient((client) => migrate(client, files));
    const later = names(files.migrations.filter((migration) => migration.name > baseline().name));
    expect(report).toEqual({
      applied: later,
      recorded: [baseline().name],
      functions: names(files.functions),
      alreadyApplied: 24,
    });
    expect((await query("SELECT slug FROM organizations")).rows).toEqual([{ slug: "kept" }]);
    const again = await withClient((client) => migrate(client, files));
    expect(again).toEqual({ applied: [], recorded: [], functions: [], alreadyApplied: 25 + later.length });
  });

  it("is refused with a clear error when only part of them ran, and nothing changes", async () => {
    const missing = baseline().squashes.slice(10);
    await madeByOldChain(baseline().squashes.slice(0, 10));
    const run = withClient((client) => migrate(client, files));
    await expect(run).rejects.toThrow(OutdatedDatabaseError);
    await expect(run).rejects.toThrow(/older pre-release build.*Recreate it.*delete its data folder/);
    await expect(run).rejects.toMatchObject({ missing });
    expect((await query("SELECT to_regclass('schema_functions') AS t")).rows[0].t).toBeNull();
    expect((await query("SELECT count(*)::int AS n FROM schema_migrations")).rows[0].n).toBe(10);
  });
});

function migration(name: string, sql: string): Migration {
  return { name, sql, checksum: `${name}-v1`, squashes: [] };
}

function withFunction(name: string, edit: (sql: string) => string): SchemaFiles {
  return {
    ...files,
    functions: files.functions.map((file) =>
      file.name === name ? { ...file, sql: edit(file.sql), checksum: `${file.checksum}-edited` } : file,
    ),
  };
}
