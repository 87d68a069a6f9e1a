// A fake InferLedger ingestion server following the envelope in DESIGN.md.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

/** One event as the sink parsed it: the wire fields the tests read, and whatever else it carries. */
export interface WireEvent {
  type: "usage" | "outcome";
  event_id: string;
  occurred_at: string;
  customer?: string;
  feature?: string;
  outcome?: string;
  usage?: Record<string, number>;
  metadata?: Record<string, string>;
  [field: string]: unknown;
}

export interface Received {
  headers: IncomingMessage["headers"];
  events: WireEvent[];
  gzip: boolean;
  bytes: number;
  /** The body as sent (after gunzip). */
  text: string;
}

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };
/** Decides the answer to one request (n counts from 1); "hang" never answers, "destroy" closes the connection. */
export type Responder = (req: Received, n: number) => Answer | "hang" | "destroy" | undefined;

export interface Sink {
  url: string;
  requests: Received[];
  /** Every event the sink acknowledged with a 200, in order. */
  accepted: WireEvent[];
  respond: Responder | undefined;
  /** TCP connections the server accepted. */
  connections: number;
  close(): Promise<void>;
}

/** lean: keep only the ids of accepted events and no requests (for runs of 100,000s of events). */
export async function startSink(respond?: Responder, { lean = false } = {}): Promise<Sink> {
  const hanging = new Set<ServerResponse>();
  const sink: Sink = { url: "", requests: [], accepted: [], respond, connections: 0, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let raw = Buffer.concat(chunks);
      const gzip = req.headers["content-encoding"] === "gzip";
      if (gzip) raw = gunzipSync(raw);
      const text = raw.toString("utf8");
      const events: WireEvent[] = JSON.parse(text).events;
      const received: Received = lean
        ? { headers: {}, events: [], gzip, bytes: raw.length, text: "" }
        : { headers: req.headers, events, gzip, bytes: raw.length, text };
      sink.requests.push(received);
      const answer = sink.respond?.(received, sink.requests.length) ?? { status: 200 };
      if (answer === "hang") return void hanging.add(res);
      if (answer === "destroy") return void req.socket.destroy();
      let body = answer.body;
      if (body === undefined && answer.status === 200) {
        for (const event of events) sink.accepted.push(lean ? ({ event_id: event.event_id } as WireEvent) : event);
        const results = events.map((_, index) => ({ index, status: "accepted" }));
        body = { results, accepted: results.length, duplicates: 0, rejected: 0 };
      }
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(body ?? { error: { code: "error", message: `status ${answer.status}` } }));
    });
  });
  server.on("connection", () => sink.connections++);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sink.close = () =>
    new Promise((r) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => r());
    });
  return sink;
}
