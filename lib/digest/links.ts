/** Absolute links for emails: mail clients have no page to resolve relative URLs against. */

/**
 * `path` under `baseUrl`, keeping any path prefix the app is served under
 * (https://x.example/app + /anomalies -> https://x.example/app/anomalies). Only http(s) bases.
 */
export function absoluteUrl(baseUrl: string, path: string, params: Record<string, string | undefined> = {}): string {
  const base = new URL(baseUrl);
  if (base.protocol !== "https:" && base.protocol !== "http:")
    throw new RangeError(`base URL must be http(s): ${baseUrl}`);
  const prefix = base.pathname.replace(/\/+$/, "");
  const url = new URL(`${prefix}/${path.replace(/^\/+/, "")}`, base.origin);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}
