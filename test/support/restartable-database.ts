/**
 * A database the restart test can restart under a running app: on the embedded backend, a
 * PGlite data folder closed and reopened on the same port; on the PostgreSQL backend, a
 * throwaway PostgreSQL 15 cluster of its own (so the shared test server keeps serving the other
 * test files), restarted with `pg_ctlcluster … restart`. That needs root and Debian's
 * postgresql-common, as `.ci/services` provides; elsewhere `available` says why not.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbedded, type EmbeddedOwner } from "@/lib/db/embedded";
import { freePort } from "./server-process";

export interface RestartableDatabase {
  url: string;
  /** Stops the database, waits `downMs`, and starts it again on the same address. */
  restart(downMs: number): Promise<void>;
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function embeddedRestartable(): Promise<RestartableDatabase> {
  const folder = await mkdtemp(path.join(tmpdir(), "inferledger-restart-"));
  const dataDir = path.join(folder, "pglite");
  const port = await freePort();
  let owner: EmbeddedOwner = await startEmbedded(dataDir, { port });
  return {
    url: owner.url,
    async restart(downMs) {
      await owner.close();
      await sleep(downMs);
      owner = await startEmbedded(dataDir, { port });
    },
    async dispose() {
      await owner.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Why a PostgreSQL cluster of the test's own cannot be made here, or null when it can. */
export function clusterUnavailableReason(): string | null {
  if (process.getuid?.() !== 0) return "needs root to create a PostgreSQL cluster";
  return existsSync("/usr/bin/pg_createcluster") && existsSync("/usr/lib/postgresql/15/bin/postgres")
    ? null
    : "needs PostgreSQL 15 from Debian's packages (pg_createcluster)";
}

export async function postgresClusterRestartable(): Promise<RestartableDatabase> {
  const port = await freePort();
  const name = `restart${process.pid}`;
  const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: "pipe" });
  run("pg_createcluster", ["15", name, "-p", String(port), "--", "--auth-host=trust", "--auth-local=trust"]);
  run("pg_ctlcluster", ["--skip-systemctl-redirect", "15", name, "start"]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async restart(downMs) {
      run("pg_ctlcluster", ["--skip-systemctl-redirect", "15", name, "stop", "-m", "fast"]);
      await sleep(downMs);
      run("pg_ctlcluster", ["--skip-systemctl-redirect", "15", name, "start"]);
    },
    async dispose() {
      run("pg_dropcluster", ["--stop", "15", name]);
    },
  };
}
