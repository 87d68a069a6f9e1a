import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { EmbeddedDatabaseBusyError, findOwner, lockPathFor, startEmbedded } from "@/lib/db/embedded";

async function freshDir(): Promise<string> {
  // PGlite does not create missing parents; the owner must.
  return path.join(await mkdtemp(path.join(tmpdir(), "il-embedded-")), "nested", "pglite");
}

describe("the embedded database owner", () => {
  it("creates the data folder, serves it over the Postgres protocol and keeps data across restarts", async () => {
    const dir = await freshDir();
    const first = await startEmbedded(dir);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
    await client.end();
    await first.close();

    const second = await startEmbedded(dir);
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    expect((await again.query("SELECT v FROM kept")).rows).toEqual([{ v: 42 }]);
    await again.end();
    await second.close();
  });

  it("refuses a second owner of the same folder and points others to the live one", async () => {
    const dir = await freshDir();
    const owner = await startEmbedded(dir);
    try {
      await expect(startEmbedded(dir)).rejects.toThrow(EmbeddedDatabaseBusyError);
      expect(await findOwner(dir)).toBe(owner.url);
    } finally {
      await owner.close();
    }
    expect(await findOwner(dir)).toBeNull();
  });

  it("takes over a lock left by a process that died", async () => {
    const dir = await freshDir();
    const first = await startEmbedded(dir);
    await first.close();
    await writeFile(lockPathFor(dir), JSON.stringify({ pid: 2 ** 22 + 12345, port: 1 }));
    const owner = await startEmbedded(dir);
    expect(await findOwner(dir)).toBe(owner.url);
    await owner.close();
  });

  it("serves concurrent connections mixing transactions and parameterised statements without interleaving them", async () => {
    const owner = await startEmbedded(null);
    const pool = new pg.Pool({ connectionString: owner.url, max: 8 });
    try {
      await pool.query("CREATE TABLE mixed (a int, b text)");
      const outcomes = await Promise.allSettled(
        Array.from({ length: 240 }, async (_, i) => {
          const n = (i % 7) * 10 + 1;
          const values = Array.from({ length: n }, (_, k) => k);
          if (i % 3 === 0) {
            const client = await pool.connect();
            try {
              await client.query("BEGIN");
              await client.query("INSERT INTO mixed SELECT * FROM unnest($1::int[], $2::text[])", [
                values,
                values.map(() => "x".repeat(500)),
              ]);
              await client.query("COMMIT");
            } finally {
              client.release();
            }
            return n;
          }
          const sql = `SELECT ${values.map((_, k) => `$${k + 1}::int`).join(" + ")} AS total`;
          const { rows } = await pool.query<{ total: number }>(sql, values);
          return rows[0]!.total === values.reduce((sum, value) => sum + value, 0) ? n : -1;
        }),
      );
      expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
      expect(outcomes.some((outcome) => outcome.status === "fulfilled" && outcome.value === -1)).toBe(false);
      const inserted = outcomes.reduce(
        (sum, outcome, i) => sum + (i % 3 === 0 && outcome.status === "fulfilled" ? outcome.value : 0),
        0,
      );
      expect((await pool.query("SELECT count(*)::int AS n FROM mixed")).rows[0].n).toBe(inserted);
    } finally {
      await pool.end();
      await owner.close();
    }
  }, 30_000);
});
