/**
 * The client's address, for per-address limits. Two halves of one contract: `npm start` serves
 * through lib/launcher/serve.ts, which rewrites X-Forwarded-For so that its last entry is the
 * socket's peer (`forwardedFor`); the app reads the entry TRUST_PROXY places before the end
 * (`clientAddress`). With TRUST_PROXY=0 that is the peer itself, and whatever a client sent is
 * dropped; with N trusted proxies it is the address the outermost of them saw.
 */
import { getEnv } from "@/lib/env";

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

const UNKNOWN = "unknown";

export function clientAddress(headers: HeaderSource, trustedProxies: number = getEnv().TRUST_PROXY): string {
  const raw = readHeader(headers, "x-forwarded-for");
  if (!raw) return UNKNOWN;
  const hops = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const entry = hops[Math.max(0, hops.length - 1 - trustedProxies)];
  return entry ? normalize(entry) : UNKNOWN;
}

/** The X-Forwarded-For the app sees: the peer alone, or appended to what trusted proxies wrote. */
export function forwardedFor(
  sent: string | string[] | undefined,
  peer: string | undefined,
  trustedProxies: number,
): string {
  const self = peer ?? UNKNOWN;
  const earlier = Array.isArray(sent) ? sent.join(", ") : sent;
  return trustedProxies > 0 && earlier ? `${earlier}, ${self}` : self;
}

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === "function")
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : value;
}

// "::ffff:10.0.0.1" and "10.0.0.1" are one client; bounded length keeps keys small.
function normalize(address: string): string {
  return address
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "")
    .slice(0, 64)
    .toLowerCase();
}
