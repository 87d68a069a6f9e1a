/**
 * Where alert webhooks may be POSTed: the public internet only. A channel's URL is chosen by a
 * customer and fetched by our server, so without this it reaches our own loopback services,
 * the cloud metadata endpoint (169.254.169.254) or the private network (SSRF). Checked when a
 * channel is saved (the URL's own host) and again at delivery, on every address its host
 * resolves to (senders/http.ts), so a name that later resolves elsewhere (DNS rebinding) is
 * refused too. ALERT_WEBHOOK_ALLOWED_NETWORKS lets chosen networks through (local receivers in
 * tests and development); Slack URLs must be https://hooks.slack.com/ unless their host is an
 * address inside those networks.
 */
import { BlockList, isIP } from "node:net";
import { getEnv } from "@/lib/env";
import { parseNetwork, type Family } from "@/lib/net/networks";

/** Networks no alert may reach, by the reason given in the refusal. */
const REFUSED: readonly [reason: string, network: string, prefix: number, family: Family][] = [
  ["an unspecified address", "0.0.0.0", 8, "ipv4"],
  ["a private address (RFC 1918)", "10.0.0.0", 8, "ipv4"],
  ["a carrier-grade NAT address", "100.64.0.0", 10, "ipv4"],
  ["a loopback address", "127.0.0.0", 8, "ipv4"],
  ["a link-local address, where cloud metadata lives", "169.254.0.0", 16, "ipv4"],
  ["a private address (RFC 1918)", "172.16.0.0", 12, "ipv4"],
  ["a reserved address", "192.0.0.0", 24, "ipv4"],
  ["a private address (RFC 1918)", "192.168.0.0", 16, "ipv4"],
  ["a reserved address", "198.18.0.0", 15, "ipv4"],
  ["a multicast address", "224.0.0.0", 4, "ipv4"],
  ["a reserved address", "240.0.0.0", 4, "ipv4"],
  ["the IPv6 loopback address", "::1", 128, "ipv6"],
  ["an IPv4-compatible or unspecified IPv6 address", "::", 96, "ipv6"],
  ["an IPv4-mapped IPv6 address", "::ffff:0:0", 96, "ipv6"],
  ["a NAT64 address", "64:ff9b::", 96, "ipv6"],
  ["a 6to4 address", "2002::", 16, "ipv6"],
  ["a unique local IPv6 address", "fc00::", 7, "ipv6"],
  ["a link-local IPv6 address", "fe80::", 10, "ipv6"],
  ["a site-local IPv6 address", "fec0::", 10, "ipv6"],
  ["a multicast address", "ff00::", 8, "ipv6"],
];

const refusedLists = REFUSED.map(([reason, network, prefix, family]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { reason, family, list };
});

let allowedCache: { source: string; list: BlockList } | null = null;
function allowedNetworks(): BlockList {
  const source = getEnv().ALERT_WEBHOOK_ALLOWED_NETWORKS ?? "";
  if (allowedCache?.source !== source) {
    const list = new BlockList();
    for (const part of source.split(",").filter((p) => p.trim() !== "")) {
      const net = parseNetwork(part)!; // validated in lib/env.ts
      list.addSubnet(net.network, net.prefix, net.family);
    }
    allowedCache = { source, list };
  }
  return allowedCache.list;
}

const familyOf = (address: string): Family => (isIP(address) === 6 ? "ipv6" : "ipv4");

/** Why an alert may not go to this IP address, or null when it may. */
export function addressRefusal(address: string): string | null {
  const family = familyOf(address);
  if (allowedNetworks().check(address, family)) return null;
  // A v4 rule must not match a mapped v6 address (BlockList would): that has its own reason.
  const hit = refusedLists.find((rule) => rule.family === family && rule.list.check(address, family));
  return hit ? `${address} is ${hit.reason}` : null;
}

/** The URL's host as an IP address when it is one ("[::1]" -> "::1"), else null. */
function literalAddress(url: URL): string | null {
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) ? host : null;
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain)\.?$/i;

/** A name that is local by convention ("localhost", "*.internal"): refused when a channel is saved. */
export function localNameRefusal(url: URL): string | null {
  return literalAddress(url) === null && LOCAL_NAMES.test(url.hostname)
    ? `a URL on the public internet (${url.hostname} is a local name)`
    : null;
}

/**
 * Why a Slack or webhook URL may not be used, as the end of "must be …", or null. No DNS here:
 * a name is resolved, and its addresses checked, at each delivery (senders/http.ts).
 */
export function urlRefusal(kind: "slack" | "webhook", url: URL): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return "an http(s) URL";
  if (url.username || url.password) return "a URL without credentials";
  const literal = literalAddress(url);
  const refusal = literal ? addressRefusal(literal) : null;
  if (refusal) return `a URL on the public internet (${refusal})`;
  const allowedLiteral = literal !== null && allowedNetworks().check(literal, familyOf(literal));
  if (kind === "slack" && !allowedLiteral && !(url.protocol === "https:" && url.hostname === "hooks.slack.com")) {
    return "a Slack incoming webhook URL (https://hooks.slack.com/...)";
  }
  return null;
}
