/** One JSON POST with a time limit; any 2xx is a delivery, anything else a failure with its status. */
import type { SendResult } from "./types";

export const HTTP_TIMEOUT_MS = 10_000;

export async function postJson(url: string, body: string, headers: Record<string, string>): Promise<SendResult> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "InferLedger-Alerts/1", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    const ok = res.status >= 200 && res.status < 300;
    const text = ok ? "" : (await res.text().catch(() => "")).slice(0, 300);
    await res.body?.cancel().catch(() => {});
    return { ok, statusCode: res.status, error: ok ? null : `HTTP ${res.status}${text ? `: ${text}` : ""}` };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { ok: false, statusCode: null, error: `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 500) };
  }
}
