/**
 * The one fetcher behind every read-API hook: builds `/api/v1/<path>?project=<id>&...`, sends
 * the session cookie, turns the API's error envelope into an ApiRequestError (code + message,
 * shown to the person as is) and validates the body with the endpoint's zod schema, so a
 * contract drift fails loudly in one place instead of rendering NaN.
 */
import type { z } from "zod";

export type ReadParams = Readonly<Record<string, string | undefined>>;

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

/**
 * Drops absent values and sorts names, so equal requests have equal URLs and query keys.
 * An empty string stays: `customer=` selects the events sent without a customer.
 */
export function normalizeParams(params: ReadParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export function apiUrl(path: string, projectId: string, params: ReadParams = {}): string {
  const search = new URLSearchParams({ project: projectId, ...normalizeParams(params) });
  return `/api/v1/${path}?${search.toString()}`;
}

async function readError(response: Response): Promise<ApiRequestError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.message)
      return new ApiRequestError(response.status, body.error.code ?? "error", body.error.message);
  } catch {
    // Not the JSON envelope (a proxy page, a crash): fall through to the status line.
  }
  return new ApiRequestError(
    response.status,
    "http_error",
    `The server answered ${response.status} ${response.statusText}`.trim(),
  );
}

export async function fetchRead<S extends z.ZodType>(
  path: string,
  projectId: string,
  params: ReadParams,
  schema: S,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  const response = await fetch(apiUrl(path, projectId, params), {
    credentials: "same-origin",
    headers: { accept: "application/json" },
    signal,
  });
  if (!response.ok) throw await readError(response);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiRequestError(
      200,
      "bad_response",
      `Unexpected answer from /api/v1/${path}: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
    );
  }
  return parsed.data;
}

/** Whether retrying can help: not for a bad query or missing access. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiRequestError) || error.status >= 500 || error.status === 429;
}
