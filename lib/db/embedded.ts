import { mkdir, open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { serialiseSequences } from "./pglite-queue";

/**
 * The embedded database. PGlite has no lock of its own and two processes opening one folder
 * silently lose each other's writes, so exactly one process owns it: the owner holds a lock
 * file and serves the database over the Postgres protocol on loopback; every other process
 * (the Next.js server, the CLI) connects to it with `pg`, like to any PostgreSQL.
 */
export interface EmbeddedOwner {
  url: string;
  /** A tarball of the whole database, which `EmbeddedOptions.snapshot` starts from. */
  snapshot(): Promise<Blob>;
  close(): Promise<void>;
}

interface LockInfo {
  pid: number;
  port: number;
}

export class EmbeddedDatabaseBusyError extends Error {}

export function lockPathFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

function urlForPort(port: number): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

/** The URL of a live owner of this data folder, or null when nobody owns it. */
export async function findOwner(dataDir: string): Promise<string | null> {
  const lock = await readLock(lockPathFor(dataDir));
  return lock && isAlive(lock.pid) && lock.port > 0 ? urlForPort(lock.port) : null;
}

interface EmbeddedOptions {
  /** Default: any free port. */
  port?: number;
  /** An in-memory database starts from this `dumpDataDir` tarball instead of a fresh initdb. */
  snapshot?: Blob;
}

/**
 * Opens the data folder (creating it) or an in-memory database when dataDir is null, served on
 * `options.port`.
 */
export async function startEmbedded(dataDir: string | null, options: EmbeddedOptions = {}): Promise<EmbeddedOwner> {
  const lockPath = dataDir ? await acquireLock(dataDir) : null;
  try {
    if (dataDir) await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
    const db = dataDir
      ? await PGlite.create(path.resolve(dataDir))
      : await PGlite.create(options.snapshot ? { loadDataDir: options.snapshot } : {});
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0, maxConnections: 200 });
    serialiseSequences(server);
    await server.start();
    const port = Number(server.getServerConn().split(":").pop());
    if (lockPath) await writeLock(lockPath, { pid: process.pid, port });
    return {
      url: urlForPort(port),
      snapshot: () => db.dumpDataDir("none"),
      async close() {
        await server.stop();
        await db.close();
        if (lockPath) await rm(lockPath, { force: true });
      },
    };
  } catch (error) {
    if (lockPath) await rm(lockPath, { force: true });
    throw error;
  }
}

async function acquireLock(dataDir: string): Promise<string> {
  const lockPath = lockPathFor(dataDir);
  await mkdir(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(JSON.stringify({ pid: process.pid, port: 0 } satisfies LockInfo));
      await handle.close();
      return lockPath;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const lock = await readLock(lockPath);
      if (lock && isAlive(lock.pid)) {
        throw new EmbeddedDatabaseBusyError(
          `The embedded database in ${dataDir} is already open by process ${lock.pid}` +
            (lock.port ? ` (serving on ${urlForPort(lock.port)})` : "") +
            ". Stop it first, or connect through it.",
        );
      }
      await rm(lockPath, { force: true }); // left by a process that died
    }
  }
  throw new EmbeddedDatabaseBusyError(`Could not lock ${lockPath}`);
}

async function readLock(lockPath: string): Promise<LockInfo | null> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, "utf8")) as Partial<LockInfo>;
    return typeof parsed.pid === "number" && typeof parsed.port === "number"
      ? { pid: parsed.pid, port: parsed.port }
      : null;
  } catch {
    return null;
  }
}

async function writeLock(lockPath: string, info: LockInfo): Promise<void> {
  const handle = await open(lockPath, "w");
  await handle.writeFile(JSON.stringify(info));
  await handle.close();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
