import type { FetchResponse } from "./types.js";

/** Per-event results of POST /api/v1/events, as far as the SDK reads them. */
export interface Rejection {
  index: number;
  event_id?: string;
  field?: string;
  reason?: string;
}

/** How long the server asked us to wait (seconds or an HTTP date), capped at 10 minutes. */
export function retryAfterMs(response: FetchResponse | undefined): number | undefined {
  const header = response?.headers.get("retry-after");
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = seconds === seconds ? seconds * 1000 : Date.parse(header) - Date.now();
  return ms === ms ? Math.min(Math.max(ms, 0), 600_000) : undefined;
}

/** What the SDK reads of an answer: per-event results (2xx) or our error envelope. */
export interface Answer {
  results?: Array<Rejection & { status: string }>;
  error?: { message?: string };
}

/** The answer's JSON body; {} for a body that is not ours (a proxy, a load balancer's page). */
export async function answerOf(response: FetchResponse | undefined): Promise<Answer> {
  try {
    return JSON.parse(await response!.text()) ?? {};
  } catch {
    return {};
  }
}

export async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
