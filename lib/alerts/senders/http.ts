/**
 * One JSON POST with a time limit; any 2xx is a delivery, anything else a failure with its
 * status. Redirects are never followed (a 3xx is a failure), and the URL passes url-policy.ts
 * twice: its own host first, then every address its name resolves to, inside the connection's
 * own DNS lookup, so the address checked is the address connected to (no DNS rebinding window).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { addressRefusal, urlRefusal } from "../url-policy";
import type { SendResult } from "./types";

const HTTP_TIMEOUT_MS = 10_000;
const ERROR_BODY_CHARS = 300;

class RefusedAddress extends Error {}

/** dns.lookup that fails unless every address of the name may be reached. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.map((entry) => addressRefusal(entry.address)).find((reason) => reason !== null);
    if (refused)
      return callback(new RefusedAddress(`refused: ${hostname} resolves to a refused address (${refused})`), "", 0);
    if (options.all) return (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

const failure = (error: string, statusCode: number | null = null): SendResult => ({
  ok: false,
  statusCode,
  error: error.slice(0, 500),
});

export async function postJson(
  target: string,
  body: string,
  headers: Record<string, string>,
  kind: "slack" | "webhook",
): Promise<SendResult> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return failure("refused: not a URL");
  }
  const refusal = urlRefusal(kind, url);
  if (refusal) return failure(`refused: the URL must be ${refusal}`);
  const client = url.protocol === "https:" ? https : http;
  return new Promise<SendResult>((resolve) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "InferLedger-Alerts/1",
          ...headers,
        },
        lookup: guardedLookup,
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (!ok && text.length < ERROR_BODY_CHARS) text += chunk;
        });
        res.on("end", () =>
          resolve(
            ok
              ? { ok, statusCode: status, error: null }
              : failure(`HTTP ${status}${text ? `: ${text.slice(0, ERROR_BODY_CHARS)}` : ""}`, status),
          ),
        );
        res.on("error", (error) => resolve(failure(error.message, status)));
      },
    );
    req.on("error", (error) =>
      resolve(failure(error.name === "AbortError" ? `timed out after ${HTTP_TIMEOUT_MS} ms` : error.message)),
    );
    req.end(body);
  });
}
