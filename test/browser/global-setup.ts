import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

/**
 * Starts the built app once for the browser tests: `tsx lib/launcher/start.ts start` on a free port,
 * on a fresh embedded database in a temp folder, or on a fresh schema of TEST_DATABASE_URL when
 * that is set. `npm run build` is the caller's job (npm run test:browser does it first).
 */
declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    embedded: boolean;
  }
}

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before it was healthy`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the app did not answer ${url}/api/health within ${timeoutMs / 1000}s`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const workDir = await mkdtemp(path.join(tmpdir(), "inferledger-browser-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), APP_URL: baseUrl, NODE_ENV: "production" };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  env.AUTH_SECRET = randomBytes(32).toString("base64url");

  let dropSchema: (() => Promise<void>) | null = null;
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const schema = `browser_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(base);
    url.searchParams.set("options", `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
    dropSchema = async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    };
  } else {
    await mkdir(path.join(workDir, "data"));
    env.INFERLEDGER_DATA_DIR = path.join(workDir, "data", "pglite");
  }

  const logFile = path.join(root, "test-results", "browser-app.log");
  await mkdir(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), "lib/launcher/start.ts", "start"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    await dropSchema?.();
    await rm(workDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, 120_000);
  } catch (error) {
    await stop();
    // CI shows only the console: carry the app's last lines into the error.
    const tail = (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-40).join("\n");
    throw new Error(`${(error as Error).message}; the end of ${logFile}:\n${tail}`);
  }
  project.provide("baseUrl", baseUrl);
  project.provide("embedded", !base);
  return stop;
}
