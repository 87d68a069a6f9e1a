/**
 * The client's address, for per-address limits. `npm start` serves through lib/launcher/serve.mjs,
 * which rewrites X-Forwarded-For so that its last entry is the socket's peer: with TRUST_PROXY=0
 * that is the client itself and whatever the client sent is dropped; with TRUST_PROXY=N the
 * entry N places before the end is the one the outermost trusted proxy saw.
 */
import { getEnv } from "@/lib/env";

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

const UNKNOWN = "unknown";

export function clientAddress(headers: HeaderSource, trustedProxies: number = getEnv().TRUST_PROXY): string {
  const raw = readHeader(headers, "x-forwarded-for");
  if (!raw) return UNKNOWN;
  const hops = raw.split(",").map((entry) => entry.trim()).filter(Boolean);
  const entry = hops[Math.max(0, hops.length - 1 - trustedProxies)];
  return entry ? normalize(entry) : UNKNOWN;
}

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === "function") return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : value;
}

// "::ffff:10.0.0.1" and "10.0.0.1" are one client; bounded length keeps keys small.
function normalize(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").slice(0, 64).toLowerCase();
}
