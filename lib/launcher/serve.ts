import { createServer } from "node:http";
import next from "next";
import { forwardedFor } from "@/lib/rate-limit/client-address";
import { getEnv } from "@/lib/env";

/**
 * `npm start`'s HTTP server: Next.js behind a plain Node server that writes X-Forwarded-For
 * itself, because Next.js keeps whatever a client sent there and route handlers cannot see the
 * socket. Per-address limits then count the real peer (lib/api/client-address.ts).
 */
const env = getEnv();
const app = next({ dev: false, port: env.PORT, hostname: "localhost", customServer: true });
const handle = app.getRequestHandler();

await app.prepare();
createServer((req, res) => {
  req.headers["x-forwarded-for"] = forwardedFor(
    req.headers["x-forwarded-for"],
    req.socket.remoteAddress,
    env.TRUST_PROXY,
  );
  void handle(req, res);
}).listen(env.PORT, () => console.log(`[inferledger] listening on port ${env.PORT}`));
