import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { constants } from "node:os";
import path from "node:path";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { describeMigrationReport } from "@/lib/db/migrate";
import { migrateUrl, openDatabase } from "@/lib/db/open";
import { withServerFlags } from "./node-flags";

/**
 * `npm start` / `npm run dev`: opens the database (the embedded one by default, owned by this
 * process), migrates it, creates the demo on first start, then runs Next.js as a child that
 * connects to the database like any PostgreSQL client.
 */
const require = createRequire(import.meta.url);
const mode = process.argv[2] === "dev" ? "dev" : "start";

async function authSecret(dataDir: string): Promise<string> {
  const env = getEnv();
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.join(path.dirname(path.resolve(dataDir)), "auth-secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    const secret = randomBytes(32).toString("base64url");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, secret, { mode: 0o600 });
    console.warn(`[inferledger] AUTH_SECRET is not set: generated one in ${file}. Set AUTH_SECRET in production.`);
    return secret;
  }
}

async function main(): Promise<void> {
  const env = getEnv();
  const database = await openDatabase({ requireOwnership: true });
  const report = await migrateUrl(database.url);
  const changed = describeMigrationReport(report);
  if (changed) console.log(`[inferledger] ${changed}`);

  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = await authSecret(env.INFERLEDGER_DATA_DIR);
  process.env.INFERLEDGER_EMBEDDED = database.embedded ? "1" : "0";
  resetEnvForTests();

  const { prepareDemo } = await import("@/lib/demo/prepare");
  await prepareDemo({ embedded: database.embedded, log: (line) => console.log(`[inferledger] ${line}`) });

  const url = env.APP_URL ?? `http://localhost:${env.PORT}`;
  // Production serves through lib/launcher/serve.ts (it writes the client address); dev runs Next's own server.
  const command =
    mode === "start"
      ? [require.resolve("tsx/cli"), "lib/launcher/serve.ts"]
      : [require.resolve("next/dist/bin/next"), "dev", "-p", String(env.PORT)];
  const child = spawn(process.execPath, command, {
    stdio: "inherit",
    env: { ...(mode === "start" ? withServerFlags(process.env) : process.env), NEXTAUTH_URL: url },
  });
  console.log(`[inferledger] ${database.embedded ? "embedded database" : "PostgreSQL"} ready; serving ${url}`);

  let stopRequested = false;
  const stop = (signal: NodeJS.Signals) => {
    stopRequested = true;
    console.log(`[inferledger] ${signal}: stopping`);
    child.kill(signal);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", async (code, signal) => {
    await database.close();
    if (code !== null || stopRequested) process.exit(code ?? 0);
    // Killed from outside (the OOM killer, a stray kill): not a clean stop (128 + n, as a shell says).
    console.error(`[inferledger] the server was killed by ${signal}`);
    process.exit(128 + (signal ? (constants.signals[signal] ?? 0) : 0));
  });
}

main().catch((error) => {
  console.error(`[inferledger] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
