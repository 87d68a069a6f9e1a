import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

/** The URL clients reach this app at: APP_URL when configured, otherwise the request's host. */
export async function publicBaseUrl(): Promise<string> {
  const configured = getEnv().APP_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? `localhost:${getEnv().PORT}`;
  const proto =
    list.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto.split(",")[0]}://${host.split(",")[0]}`;
}
