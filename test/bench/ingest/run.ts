/**
 * `npm run bench:ingest`: the ingestion path on PostgreSQL, measured end to end on this
 * machine, load generator included.
 *
 *   1. a fresh schema in BENCH_DATABASE_URL (default the local `test` database), migrated;
 *   2. the HTTP server process (test/bench/ingest/server.ts: the real POST /api/v1/events
 *      handler) and a load-generator process (test/bench/ingest/load.ts: SDK clients);
 *   3. BENCH_EVENTS events (default 1,000,000) in batches of 1,000 from BENCH_CLIENTS SDK
 *      clients (default 8): events/s, p50/p95 batch latency as the clients saw it, CPU per
 *      event of each process; PostgreSQL's twice: all its processes (other sessions' included)
 *      and only the backends of the API server's connections (found by application_name), which
 *      the machine's other users do not blur;
 *   4. check: stored events and rollup counts equal the events sent;
 *   5. baseline: the same rows (validated and priced beforehand, untimed) written with raw
 *      `COPY ... FROM STDIN` into event_ids and usage_events, one connection; the ratio of
 *      the two rates. COPY writes no rollups and checks nothing: it is the floor of what
 *      PostgreSQL itself needs for these rows. Then the same again in two streams at once,
 *      one per core: the ceiling of any design that stores these rows on this machine.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import pg from "pg";
import { createApiKey } from "@/lib/auth/key-store";
import { migrate } from "@/lib/db/migrate";
import { femtoToUsd } from "@/lib/money";
import { priceUsageRow } from "@/lib/pricing/price-event";
import { createPriceBook } from "@/lib/pricing/book";
import { validateEvents } from "@/lib/ingest/validate";
import { TOKEN_COLUMNS } from "@/lib/ingest/write-sql";
import type { UsageRow } from "@/lib/ingest/types";
import { openBenchSchema } from "../schema";
import { copyFrom, copyValue } from "./copy";
import { wireEvent } from "./events";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const GZIP = process.env.BENCH_GZIP === "1" ? "1" : "0";
const KEEP = process.env.BENCH_KEEP_SCHEMA === "1";
/** Diagnostic: BENCH_PROFILE=1 writes a CPU profile of the API server to .bench-profiles/. */
const TSX = "node_modules/.bin/tsx";

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function startServer(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const profile = process.env.BENCH_PROFILE === "1" ? ["--cpu-prof", "--cpu-prof-dir=.bench-profiles"] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "test/bench/ingest/server.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, INGEST_RATE_PER_SECOND: "1000000000", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /^listening (\d+)/.exec(line);
      if (match) resolve(Number(match[1]));
    });
  });
  return { child, port };
}

interface LoadResult {
  sent: number;
  failed: number;
  errors: string[];
  seconds: number;
  cpuSeconds: number;
  latencies: number[];
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** CPU seconds used so far by every PostgreSQL process on the machine (other sessions' included). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres") total += cpuSecondsOf(Number(pid));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** CPU seconds so far of each PostgreSQL backend connected with `applicationName`. */
async function backendCpuSeconds(db: pg.Client, applicationName: string): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [
    applicationName,
  ]);
  return new Map(rows.map(({ pid }) => [pid, cpuSecondsOf(pid)]));
}

function runLoad(
  url: string,
  key: string,
  runId: string,
  from: number,
  count: number,
  clients: number,
  occurredAt: string,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      TSX,
      ["test/bench/ingest/load.ts", url, key, runId, String(from), String(count), String(clients), occurredAt, GZIP],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout!.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").pop()!))
        : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

/**
 * Seconds to COPY the rows of the timed run, for `projectId`, into event_ids and usage_events,
 * the chunks dealt out over `clients` (one stream each, side by side).
 */
async function copySame(projectId: string, clients: pg.Client[], runId: string, occurredAt: string): Promise<number> {
  const texts = copyTexts(projectId, runId, EVENTS, occurredAt);
  const share = <T>(chunks: T[], c: number) => chunks.filter((_, i) => i % clients.length === c);
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, c) => {
      await copyFrom(
        client,
        "COPY event_ids (project_id, event_id, kind, occurred_at) FROM STDIN",
        share(texts.ids, c),
      );
      await copyFrom(client, `COPY usage_events (${USAGE_COPY_COLUMNS.join(", ")}) FROM STDIN`, share(texts.usage, c));
    }),
  );
  return (performance.now() - started) / 1000;
}

/** The rows the ingest path stored, as COPY text for event_ids and usage_events. */
function copyTexts(
  projectId: string,
  runId: string,
  count: number,
  occurredAt: string,
): { ids: Buffer[]; usage: Buffer[] } {
  const book = createPriceBook(); // the bench project has no overrides: the catalog book
  const ids: Buffer[] = [];
  const usage: Buffer[] = [];
  const now = Date.now();
  for (let start = 0; start < count; start += 10_000) {
    const events = Array.from({ length: Math.min(10_000, count - start) }, (_, i) =>
      wireEvent(runId, start + i, occurredAt),
    );
    const { rows } = validateEvents(events, now);
    let idText = "";
    let usageText = "";
    for (const row of rows as UsageRow[]) {
      const price = priceUsageRow(row, book);
      idText += `${projectId}\t${copyValue(row.eventId)}\tusage\t${row.occurredAt}\n`;
      const values = [
        projectId,
        row.eventId,
        row.occurredAt,
        row.customer,
        row.feature,
        row.provider,
        row.model,
        row.serviceTier,
        ...TOKEN_COLUMNS.map((column) => row.tokens[column.slice(7) as keyof typeof row.tokens] ?? 0),
        "0",
        row.gpuType,
        row.gpuPool,
        row.latencyMs,
        row.status,
        row.errorType,
        row.traceId,
        row.sessionId,
        row.metadata,
        femtoToUsd(price.costToken),
        femtoToUsd(price.costGpu),
        femtoToUsd(price.costTotal),
        price.source,
        price.priceEntryId,
        price.pricing,
      ];
      usageText += values.map(copyValue).join("\t") + "\n";
    }
    ids.push(Buffer.from(idText));
    usage.push(Buffer.from(usageText));
  }
  return { ids, usage };
}

const USAGE_COPY_COLUMNS = [
  "project_id",
  "event_id",
  "occurred_at",
  "customer",
  "feature",
  "provider",
  "model",
  "service_tier",
  ...TOKEN_COLUMNS,
  "gpu_seconds",
  "gpu_type",
  "gpu_pool",
  "latency_ms",
  "status",
  "error_type",
  "trace_id",
  "session_id",
  "metadata",
  "cost_token",
  "cost_gpu",
  "cost_total",
  "cost_source",
  "price_entry_id",
  "pricing",
];

async function main(): Promise<void> {
  const schema = await openBenchSchema(BASE_URL, undefined);
  const databaseUrl = schema.url;
  process.env.DATABASE_URL = databaseUrl;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  let server: ChildProcess | undefined;
  try {
    await migrate(db);
    const { getDb, closeDb } = await import("@/lib/db/client");
    const prisma = getDb().prisma;
    const org = await prisma.organization.create({ data: { name: "Bench", slug: schema.name } });
    const project = await prisma.project.create({ data: { orgId: org.id, name: "Bench", slug: "bench" } });
    const copyProject = await prisma.project.create({ data: { orgId: org.id, name: "Copy baseline", slug: "copy" } });
    const parallelProject = await prisma.project.create({
      data: { orgId: org.id, name: "Two-stream copy baseline", slug: "copy-2" },
    });
    const { key } = await createApiKey(prisma, {
      orgId: org.id,
      projectId: project.id,
      name: "bench",
      scopes: ["ingest"],
      createdBy: null,
    });
    await closeDb();

    const serverUrl = new URL(databaseUrl);
    serverUrl.searchParams.set("application_name", `${schema.name}_server`);
    const started = await startServer(serverUrl.toString());
    server = started.child;
    const endpoint = `http://127.0.0.1:${started.port}`;
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const runId = `b${randomBytes(3).toString("hex")}`;
    const cpus = (await import("node:os")).cpus();
    console.log(
      `bench:ingest on PostgreSQL (${BASE_URL.replace(/\/\/[^@]*@/, "//")}, schema ${schema.name}), ${cpus.length} CPUs (${cpus[0]?.model ?? "?"})`,
    );
    console.log(
      `  ${EVENTS.toLocaleString("en")} events, batches of 1,000, ${CLIENTS} SDK clients, gzip ${GZIP === "1" ? "on" : "off"}, load average ${(
        await import("node:os")
      )
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(" ")}`,
    );

    const warm = await runLoad(endpoint, key, `${runId}w`, 0, 20_000, CLIENTS, occurredAt);
    if (warm.failed) throw new Error(`warm-up failed: ${warm.errors.join("; ")}`);

    const serverCpu0 = cpuSecondsOf(server.pid!);
    const postgresCpu0 = postgresCpuSeconds();
    const backendCpu0 = await backendCpuSeconds(db, `${schema.name}_server`);
    const load = await runLoad(endpoint, key, runId, 0, EVENTS, CLIENTS, occurredAt);
    const serverCpu = cpuSecondsOf(server.pid!) - serverCpu0;
    const postgresCpu = postgresCpuSeconds() - postgresCpu0;
    const backendCpu1 = await backendCpuSeconds(db, `${schema.name}_server`);
    const backendCpu = [...backendCpu1].reduce((sum, [pid, cpu]) => sum + cpu - (backendCpu0.get(pid) ?? 0), 0);
    const sorted = [...load.latencies].sort((a, b) => a - b);
    const rate = load.sent / load.seconds;

    const {
      rows: [stored],
    } = await db.query<{ events: string; rolled: string }>(
      `SELECT (SELECT count(*) FROM usage_events WHERE project_id = $1 AND event_id LIKE $2) AS events,
              (SELECT sum(events) FROM usage_daily WHERE project_id = $1) AS rolled`,
      [project.id, `${runId}-%`],
    );
    const expectedRollup = EVENTS + warm.sent;

    const copyPid = (await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const copyCpu0 = cpuSecondsOf(copyPid);
    const copySeconds = await copySame(copyProject.id, [db], runId, occurredAt);
    const copyCpu = cpuSecondsOf(copyPid) - copyCpu0;
    const copyRate = EVENTS / copySeconds;
    // The same rows again in two COPY streams at once, one per core: about the most PostgreSQL
    // itself can store these rows at on this machine, with nothing else running.
    const second = new pg.Client({ connectionString: databaseUrl });
    await second.connect();
    const parallelSeconds = await copySame(parallelProject.id, [db, second], runId, occurredAt).finally(() =>
      second.end(),
    );
    const parallelRate = EVENTS / parallelSeconds;

    const fmt = (n: number) => Math.round(n).toLocaleString("en");
    console.log(
      `ingest:   ${fmt(load.sent)} events acknowledged in ${load.seconds.toFixed(2)} s = ${fmt(rate)} events/s (failed ${load.failed})`,
    );
    console.log(
      `          batch latency p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms (${sorted.length} requests)`,
    );
    const perEvent = (seconds: number) => `${((seconds / load.sent) * 1e6).toFixed(0)} µs`;
    console.log(
      `cpu/event: load generator (SDK clients) ${perEvent(load.cpuSeconds)}, API server ${perEvent(serverCpu)}, PostgreSQL ${perEvent(postgresCpu)} (all its processes)`,
    );
    console.log(
      `           PostgreSQL backends of the API server ${perEvent(backendCpu)}, of the COPY baseline (one stream) ${perEvent(copyCpu)}`,
    );
    console.log(
      `stored:   ${fmt(Number(stored!.events))} usage_events rows, usage_daily.events sum ${fmt(Number(stored!.rolled))} (expected ${fmt(expectedRollup)})`,
    );
    console.log(
      `baseline: raw COPY of the same ${fmt(EVENTS)} rows into event_ids + usage_events: ${copySeconds.toFixed(2)} s = ${fmt(copyRate)} rows/s`,
    );
    console.log(
      `          the same rows in two COPY streams at once (one per core): ${parallelSeconds.toFixed(2)} s = ${fmt(parallelRate)} rows/s`,
    );
    console.log(
      `ratio:    ingest / COPY = ${(rate / copyRate).toFixed(2)}, ingest / two COPY streams = ${(rate / parallelRate).toFixed(2)}  (goal: >= 60,000 events/s -> ${rate >= 60_000 ? "met" : "NOT met"})`,
    );
    if (Number(stored!.events) !== EVENTS || Number(stored!.rolled) !== expectedRollup || load.failed) {
      process.exitCode = 1;
      console.error("MISMATCH: stored counts differ from the events sent", load.errors);
    }
  } finally {
    server?.kill("SIGTERM");
    await db.end();
    await schema.done(KEEP);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
