/**
 * `npm run bench:otlp`: the OTLP traces receiver beside POST /api/v1/events, in one process,
 * same database, same calls, rounds alternating so both see the same machine load. Both
 * route handlers are called in-process (no network); bodies are built before timing.
 * - events: /api/v1/events, 500 usage events per request (the ingest benchmark's workload);
 * - genai: /api/otlp/v1/traces, protobuf, the same 500 calls as GenAI spans per request;
 * - mixed: 500 GenAI spans and 500 HTTP/database spans per request;
 * - skip: 500 non-GenAI spans per request (decoded and skipped; nothing is written).
 * Env: BENCH_DATABASE_URL (default local `test`), BENCH_ROUNDS (default 8), BENCH_REQUESTS
 * (per kind per round, default 4).
 */
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import type { Attributes } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { normalizeUsage, normalizeTokens } from "@/lib/pricing/normalize";
import { openBenchSchema } from "../schema";
import { wireEvent } from "../ingest/events";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4);
const PER_REQUEST = 500;

type Kind = "events" | "genai" | "mixed" | "skip";

/** The gen_ai.* attributes of one workload event: the same tokens, customer and feature. */
function spanAttributes(event: Record<string, unknown>): Attributes {
  const tokens = event.usage ? normalizeUsage(event.usage, event.provider as string) : normalizeTokens(event.tokens);
  const cacheRead = tokens.cache_read ?? 0;
  const cacheWrite = (tokens.cache_write_5m ?? 0) + (tokens.cache_write_1h ?? 0);
  return {
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": event.provider as string,
    "gen_ai.request.model": event.model as string,
    "gen_ai.usage.input_tokens": (tokens.input ?? 0) + cacheRead + cacheWrite,
    "gen_ai.usage.cache_read.input_tokens": cacheRead,
    "gen_ai.usage.cache_creation.input_tokens": cacheWrite,
    "gen_ai.usage.output_tokens": (tokens.output ?? 0) + (tokens.reasoning ?? 0),
    "inferledger.customer": event.customer as string,
    "inferledger.feature": event.feature as string,
  };
}

const OTHER_SPANS: Attributes[] = [
  {
    "http.request.method": "POST",
    "http.route": "/v1/tickets",
    "http.response.status_code": 200,
    "url.path": "/v1/tickets/123",
  },
  { "db.system": "postgresql", "db.operation.name": "SELECT", "db.query.text": "SELECT * FROM tickets WHERE id = $1" },
];

function protobufBody(genai: Attributes[], others: number): Uint8Array {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "bench" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("bench");
  const start = Date.now() - 60_000;
  for (const attributes of genai) tracer.startSpan("chat", { attributes, startTime: start }).end(start + 900);
  for (let i = 0; i < others; i++)
    tracer
      .startSpan(i % 2 ? "SELECT tickets" : "POST /v1/tickets", { attributes: OTHER_SPANS[i % 2]!, startTime: start })
      .end(start + 5);
  return ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())!;
}

async function main(): Promise<void> {
  const schema = await openBenchSchema(BASE_URL, undefined);
  process.env.DATABASE_URL = schema.url;
  const { getDb, closeDb } = await import("@/lib/db/client");
  const { migrate } = await import("@/lib/db/migrate");
  const { createApiKey } = await import("@/lib/auth/key-store");
  const events = await import("@/app/api/v1/events/route");
  const otlp = await import("@/app/api/otlp/v1/traces/route");
  const db = getDb();
  const client = await db.pool.connect();
  await migrate(client);
  client.release();
  const org = await db.prisma.organization.create({ data: { name: "bench", slug: `bench-${schema.name}` } });
  const project = await db.prisma.project.create({ data: { orgId: org.id, name: "b", slug: "b" } });
  const { key } = await createApiKey(db.prisma, {
    orgId: org.id,
    projectId: project.id,
    name: "bench",
    scopes: ["ingest"],
    createdBy: null,
  });

  const runId = `r${randomBytes(3).toString("hex")}`;
  const occurredAt = new Date(Date.now() - 60_000).toISOString();
  let next = 0;
  const workload = () => Array.from({ length: PER_REQUEST }, () => wireEvent(runId, next++, occurredAt));
  const bodies: Record<Kind, Uint8Array[]> = { events: [], genai: [], mixed: [], skip: [] };
  const total = (ROUNDS + 1) * REQUESTS;
  for (let i = 0; i < total; i++) {
    bodies.events.push(new TextEncoder().encode(JSON.stringify({ events: workload() })));
    bodies.genai.push(protobufBody(workload().map(spanAttributes), 0));
    bodies.mixed.push(protobufBody(workload().map(spanAttributes), PER_REQUEST));
    bodies.skip.push(protobufBody([], PER_REQUEST));
  }

  const post = async (kind: Kind, body: Uint8Array): Promise<void> => {
    const json = kind === "events";
    const req = new NextRequest(`http://localhost${json ? "/api/v1/events" : "/api/otlp/v1/traces"}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": json ? "application/json" : "application/x-protobuf" },
      body: body as Uint8Array<ArrayBuffer>,
    });
    const res = json
      ? await events.POST(req, { params: Promise.resolve({}) })
      : await otlp.POST(req, { params: Promise.resolve({}) });
    if (res.status !== 200) throw new Error(`${kind}: ${res.status} ${await res.text()}`);
    if (json) {
      const answer = (await res.json()) as { rejected: number };
      if (answer.rejected) throw new Error(`events: ${answer.rejected} rejected`);
    } else if ((await res.arrayBuffer()).byteLength !== 0) throw new Error(`${kind}: partial success`);
  };

  const kinds: Kind[] = ["events", "genai", "mixed", "skip"];
  const seconds: Record<Kind, number> = { events: 0, genai: 0, mixed: 0, skip: 0 };
  let cursor = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    for (const kind of kinds) {
      const t0 = performance.now();
      for (let r = 0; r < REQUESTS; r++) await post(kind, bodies[kind][cursor + r]!);
      if (round > 0) seconds[kind] += (performance.now() - t0) / 1000; // round 0 warms up
    }
    cursor += REQUESTS;
  }
  const requests = ROUNDS * REQUESTS;
  const rate = (kind: Kind, perRequest: number) => (requests * perRequest) / seconds[kind];
  const eventsPerSecond = rate("events", PER_REQUEST);
  console.log(
    `${requests} requests of ${PER_REQUEST} per kind, in-process route handlers, PostgreSQL at ${new URL(BASE_URL).host}`,
  );
  console.log(`/api/v1/events (baseline)   ${eventsPerSecond.toFixed(0).padStart(8)} events/s`);
  console.log(
    `OTLP GenAI spans            ${rate("genai", PER_REQUEST).toFixed(0).padStart(8)} spans/s   ratio ${(rate("genai", PER_REQUEST) / eventsPerSecond).toFixed(2)}`,
  );
  console.log(
    `OTLP mixed (half GenAI)     ${rate("mixed", 2 * PER_REQUEST)
      .toFixed(0)
      .padStart(
        8,
      )} spans/s   ${rate("mixed", PER_REQUEST).toFixed(0)} GenAI spans/s, ratio ${(rate("mixed", PER_REQUEST) / eventsPerSecond).toFixed(2)}`,
  );
  console.log(
    `OTLP non-GenAI (skipped)    ${rate("skip", PER_REQUEST).toFixed(0).padStart(8)} spans/s   ${(1e6 / rate("skip", PER_REQUEST)).toFixed(1)} µs per skipped span, the request's authentication included`,
  );
  await closeDb();
  await schema.done(false);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
