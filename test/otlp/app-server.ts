/**
 * The app's ingestion routes served on loopback by a plain node:http server that hands each
 * request to the Next.js route handler, so that outside clients (OTLP exporters, the SDK)
 * reach the same code `next start` serves, without a build.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { POST as postTraces } from "@/app/api/otlp/v1/traces/route";

const ROUTES: Record<
  string,
  (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>
> = {
  "/api/v1/events": postEvents,
  "/api/otlp/v1/traces": postTraces,
};

export interface AppServer {
  url: string;
  /** Requests per path with their status, in order. */
  log: { path: string; status: number; contentType: string | undefined }[];
  close(): Promise<void>;
}

export async function startAppServer(): Promise<AppServer> {
  const log: AppServer["log"] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const path = (req.url ?? "").split("?")[0]!;
      const handler = req.method === "POST" ? ROUTES[path] : undefined;
      if (!handler) {
        res.statusCode = 404;
        res.end();
        log.push({ path, status: 404, contentType: req.headers["content-type"] });
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const request = new NextRequest(`http://127.0.0.1${req.url}`, {
        method: "POST",
        headers,
        body: new Uint8Array(Buffer.concat(chunks)),
      });
      const response = await handler(request, { params: Promise.resolve({}) });
      log.push({ path, status: response.status, contentType: req.headers["content-type"] });
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, log, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
