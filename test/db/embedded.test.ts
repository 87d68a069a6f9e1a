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
});
