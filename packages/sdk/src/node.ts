import type { FetchLike, FetchResponse } from "./types.js";

/**
 * The Node transport: node:http / node:https with a keep-alive Agent, in the shape of fetch. The
 * core loads this module at run time on Node only (client.ts), so it is not part of the core's
 * size and edge bundles never see node:http. Node's fetch (undici) spends about 0.2 ms of CPU per
 * request of 100 events on its web streams and body copies; http.request a fraction of that.
 */

interface Res {
  statusCode?: number;
  headers: Record<string, string | string[] | undefined>;
  setEncoding(enc: "utf8"): void;
  on(ev: "data", f: (chunk: string) => void): Res;
  on(ev: "end" | "error" | "close", f: (e?: Error) => void): Res;
}
interface Req {
  on(ev: "error", f: (e: Error) => void): Req;
  end(body: unknown): void;
}
interface Http {
  Agent: new (o: { keepAlive: boolean; maxSockets: number }) => unknown;
  request(url: URL, o: object, cb: (res: Res) => void): Req;
}

const USER_AGENT = "@inferledger/sdk (node:http)";
// Given a string body, http.request measures its UTF-8 length for content-length and then
// encodes it; bytes from one TextEncoder pass skip the measuring. About 5% of the CPU per event
// in bench:sdk.
const encoder = new TextEncoder();

export async function nodeTransport(url: string): Promise<FetchLike> {
  // The client posts to one URL: parse it once, not per request.
  let parsedFrom = url;
  let parsed = new URL(url);
  const spec = parsed.protocol === "https:" ? "node:https" : "node:http";
  const http: Http = await import(/* webpackIgnore: true */ spec);
  // One batch is in flight at a time; idle sockets are unref'd by the Agent, so they never keep the process alive.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return (to, init) =>
    new Promise<FetchResponse>((resolve, reject) => {
      if (to !== parsedFrom) parsed = new URL((parsedFrom = to));
      const headers = { ...init.headers, "user-agent": USER_AGENT };
      const req = http.request(parsed, { method: init.method, headers, agent, signal: init.signal }, (res) => {
        let text = "";
        let done = false;
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("error", reject);
        res.on("end", () => {
          done = true;
          const status = res.statusCode ?? 0;
          resolve({
            status,
            ok: status >= 200 && status < 300,
            headers: {
              get: (name) => {
                const v = res.headers[name.toLowerCase()];
                return v === undefined ? null : String(v);
              },
            },
            text: () => Promise.resolve(text),
          });
        });
        // A connection closed mid-body: a network error, as fetch reports it.
        res.on("close", () => done || reject(new Error("connection closed before the response ended")));
      });
      req.on("error", reject);
      req.end(typeof init.body === "string" ? encoder.encode(init.body) : init.body);
    });
}
