/**
 * npm run bench:signin [-- --runs 60]
 *
 * Times password sign-in (lib/auth/sign-in.ts, as the credentials provider runs it) for a known
 * email with a wrong password (the baseline) and for unknown emails, alternating one of each so
 * that drift in machine load hits both alike, and prints the median and p95 of each and the
 * gap of the unknown emails against the baseline. The goal is a gap under 10%: the unknown
 * emails do the same scrypt work against a dummy hash. On the embedded database by default,
 * or on PostgreSQL with DATABASE_URL or TEST_DATABASE_URL (in a throwaway schema).
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { signUp } from "@/lib/auth/accounts";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { closeDb } from "@/lib/db/client";
import { startEmbedded } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { resetEnvForTests } from "@/lib/env";
import { openBenchSchema } from "../schema";

const { values } = parseArgs({ options: { runs: { type: "string", default: "60" } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 5) throw new Error("--runs: a whole number of at least 5");

const WARM_UP = 3;

async function openDatabase(): Promise<{ name: string; url: string; close(): Promise<void> }> {
  const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (base) {
    const schema = await openBenchSchema(base, undefined);
    return { name: "PostgreSQL", url: schema.url, close: () => schema.done(false) };
  }
  return { name: "embedded PGlite", ...(await startEmbedded(null)) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarise(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

async function timed(email: string, password: string): Promise<number> {
  const started = performance.now();
  const user = await signInWithPassword({ email, password, address: "bench" });
  const elapsed = performance.now() - started;
  if (user) throw new Error("a wrong password signed in");
  return elapsed;
}

async function main(): Promise<void> {
  const database = await openDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await migrate(client);
  await client.end();
  // The throttle is not what is measured: let every attempt through.
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    SIGNIN_FREE_ATTEMPTS_PER_EMAIL: "1000000",
    SIGNIN_FREE_ATTEMPTS_PER_ADDRESS: "1000000",
  });
  resetEnvForTests();
  try {
    const known = `bench-${randomBytes(4).toString("hex")}@example.test`;
    await signUp({ name: "Bench", email: known, password: "the right password", organization: "Bench" });
    const unknown = () => `nobody-${randomBytes(6).toString("hex")}@example.test`;
    for (let i = 0; i < WARM_UP; i++)
      await Promise.all([timed(known, "a wrong password"), timed(unknown(), "a wrong password")]);

    const knownSamples: number[] = [];
    const unknownSamples: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither always follows the other.
      if (i % 2 === 0) {
        knownSamples.push(await timed(known, "a wrong password"));
        unknownSamples.push(await timed(unknown(), "a wrong password"));
      } else {
        unknownSamples.push(await timed(unknown(), "a wrong password"));
        knownSamples.push(await timed(known, "a wrong password"));
      }
    }
    const k = summarise(knownSamples);
    const u = summarise(unknownSamples);
    const gap = (a: number, b: number) => (((a - b) / b) * 100).toFixed(1);
    console.log(`sign-in, wrong password, ${runs} alternating runs each (${database.name})`);
    console.log(`  known email (baseline)  median ${k.median.toFixed(1)} ms   p95 ${k.p95.toFixed(1)} ms`);
    console.log(`  unknown email           median ${u.median.toFixed(1)} ms   p95 ${u.p95.toFixed(1)} ms`);
    const medianGap = Math.abs(Number(gap(u.median, k.median)));
    console.log(
      `  gap unknown vs known    median ${gap(u.median, k.median)}%   p95 ${gap(u.p95, k.p95)}%   (goal: under 10%: ${medianGap < 10 ? "met" : "NOT met"})`,
    );
  } finally {
    await closeDb();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
