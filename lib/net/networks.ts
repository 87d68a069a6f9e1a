/** IP networks as written in configuration ("10.0.0.0/8", "127.0.0.1", "fd00::/8"). */
import { isIP } from "node:net";

export type Family = "ipv4" | "ipv6";

/** "10.0.0.0/8" or "127.0.0.1" as a subnet; null when it is neither. */
export function parseNetwork(text: string): { network: string; prefix: number; family: Family } | null {
  const [address = "", prefixText, extra] = text.trim().split("/");
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { network: address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}
