/**
 * The one fetcher behind every read-API hook: builds `/api/v1/<path>?project=<id>&...`, sends
 * the session cookie, turns the API's error envelope into an ApiRequestError (code + message,
 * shown to the person as is) and validates the body with the endpoint's zod schema, so a
 * contract drift fails loudly in one place instead of rendering NaN.
 */
import type { z } from "zod";

export type ReadParams = Readonly<Record<string, string | undefined>>;

/** An API error as a form needs it: status, code, the message shown as is, and its field reasons. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }

  /** "pricing.rates[0].price: must be ..." -> { "pricing.rates[0].price": "must be ..." } */
  get fields(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const part of this.message.split("; ")) {
      const at = part.indexOf(": ");
      if (at > 0) out[part.slice(0, at)] ??= part.slice(at + 2);
    }
    return out;
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
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (body?.error?.message)
    return new ApiRequestError(response.status, body.error.code ?? "error", body.error.message, body);
  // Not the JSON envelope (a proxy page, a crash): the status line is all there is.
  return new ApiRequestError(
    response.status,
    "http_error",
    `The server answered ${response.status} ${response.statusText}`.trim(),
  );
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  params?: ReadParams;
  /** Sent as JSON, or as is when a string (a CSV upload) with `contentType`. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

/**
 * The one request function of the client: every read and write of `/api/v1/<path>` goes
 * through it, and every answer is checked against the endpoint's zod schema. A 204 parses as
 * `undefined` (use `z.undefined()`).
 */
export async function requestJson<S extends z.ZodType>(
  path: string,
  projectId: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const { method = "GET", params = {}, body, contentType = "application/json", signal } = options;
  const response = await fetch(apiUrl(path, projectId, params), {
    method,
    credentials: "same-origin",
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": contentType }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await readError(response);
  const json: unknown = response.status === 204 ? undefined : await response.json();
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiRequestError(
      response.status,
      "bad_response",
      `Unexpected answer from /api/v1/${path}: ${issue?.path.join(".")} ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** A GET through `requestJson`. */
export function fetchRead<S extends z.ZodType>(
  path: string,
  projectId: string,
  params: ReadParams,
  schema: S,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  return requestJson(path, projectId, schema, { params, signal });
}

/** Whether retrying can help: not for a bad query or missing access. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiRequestError) || error.status >= 500 || error.status === 429;
}
