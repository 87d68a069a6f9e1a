/**
 * Serves the app's real API route handlers (every `app/api/**\/route.ts`, the code `next start`
 * serves) on a plain Node http server, without Next.js's router and render pipeline: fast to
 * start, and a separate process the tests can kill, restart or watch for hangs. Dynamic
 * segments (`[id]`) become params the way Next passes them. next-auth's own route is left out.
 */
import { readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { NextRequest } from "next/server";

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface Route {
  pattern: RegExp;
  names: string[];
  file: string;
  module?: Promise<Record<string, unknown>>;
}

const APP_DIR = path.resolve(import.meta.dirname, "../../app");

function findRoutes(dir: string, segments: string[] = []): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) routes.push(...findRoutes(path.join(dir, entry.name), [...segments, entry.name]));
    else if (entry.name === "route.ts" && !segments.some((segment) => segment.startsWith("[..."))) {
      const names: string[] = [];
      const source = segments
        .map((segment) => {
          if (!segment.startsWith("[")) return segment.replace(/[.*+?^${}()|\\]/g, "\\$&");
          names.push(segment.slice(1, -1));
          return "([^/]+)";
        })
        .join("/");
      routes.push({ pattern: new RegExp(`^/${source}$`), names, file: path.join(dir, entry.name) });
    }
  }
  // Static segments before dynamic ones, as Next matches them.
  return routes.sort((a, b) => a.names.length - b.names.length);
}

const routes = findRoutes(path.join(APP_DIR, "api"), ["api"]);

async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
  const match = route?.pattern.exec(url.pathname);
  if (route) route.module ??= import(pathToFileURL(route.file).href);
  const handler = route?.module ? ((await route.module)[req.method ?? "GET"] as Handler | undefined) : undefined;
  if (!route || !match || !handler) {
    res
      .writeHead(404, { "content-type": "application/json" })
      .end('{"error":{"code":"not_found","message":"No such route"}}');
    return;
  }
  const params: Record<string, string> = {};
  route.names.forEach((name, i) => (params[name] = decodeSegment(match[i + 1]!)));
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new NextRequest(url.toString(), {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
    // Node's fetch needs duplex for a streamed body; Next's RequestInit type does not list it.
  } as unknown as ConstructorParameters<typeof NextRequest>[1]);
  const response = await handler(request, { params: Promise.resolve(params) });
  const body = Buffer.from(await response.arrayBuffer());
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => (out[name] = value));
  res.writeHead(response.status, out).end(body);
}

/** A path segment decoded as Next decodes params; one that is not valid UTF-8 stays as sent. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** An http server for every API route; a handler that throws answers a bare 500, as Next would. */
export function createApiServer(): Server {
  const server = createServer((req, res) => {
    dispatch(req, res).catch((error) => {
      console.error("[api-server]", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  return server;
}
