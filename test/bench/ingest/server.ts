/**
 * A minimal HTTP server that mounts the real route handler of POST /api/v1/events (the same
 * code `next start` serves, without Next.js's router and render pipeline) on a Node http
 * server. Used by the crash test and `npm run bench:ingest`. Prints `listening <port>` once
 * ready. Env: DATABASE_URL (required), PORT (default 0: any free port).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { POST } from "@/app/api/v1/events/route";
import { getDb } from "@/lib/db/client";

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST" || req.url !== "/api/v1/events") {
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"not_found"}}');
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const request = new NextRequest(`http://localhost${req.url}`, {
    method: "POST",
    headers,
    body: Readable.toWeb(req) as ReadableStream,
    duplex: "half",
    // Node's fetch needs duplex for a streamed body; Next's RequestInit type does not list it.
  } as unknown as ConstructorParameters<typeof NextRequest>[1]);
  const response = await POST(request, { params: Promise.resolve({}) });
  const body = Buffer.from(await response.arrayBuffer());
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => (out[name] = value));
  res.writeHead(response.status, out).end(body);
}

async function main(): Promise<void> {
  // A normal exit on SIGTERM, so that `node --cpu-prof` (BENCH_PROFILE=1) writes its profile.
  process.once("SIGTERM", () => process.exit(0));
  await getDb().pool.query("SELECT 1");
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error("[server]", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const address = server.address();
    console.log(`listening ${typeof address === "object" && address ? address.port : ""}`);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
