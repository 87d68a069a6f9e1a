/**
 * The API server (test/bench/ingest/server.ts: every real API route handler) in a child
 * process, for tests that kill, restart or watch it: the crash, restart and fuzz tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { createInterface } from "node:readline";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server on `port` against `databaseUrl`; resolves once it listens. Its rate limits
 * are out of the way (test/api/rate-limit.test.ts tests them): these tests send thousands of
 * requests from one address, some with made-up keys.
 */
const UNLIMITED = {
  INGEST_RATE_PER_SECOND: "1000000",
  API_RATE_PER_SECOND: "1000000",
  API_RATE_BURST: "1000000",
  INVALID_KEY_RATE_PER_SECOND: "1000000",
  INVALID_KEY_BURST: "1000000",
};

export function startApiServer(
  databaseUrl: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/bench/ingest/server.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), ...UNLIMITED, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server exited early (${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => line.startsWith("listening") && resolve(child));
  });
}
