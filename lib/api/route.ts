import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { z } from "zod";
import { authenticateApiKey, type KeyPrincipal } from "@/lib/auth/key-store";
import { projectAccessById, type ProjectAccess } from "@/lib/auth/membership";
import { can, type Action } from "@/lib/auth/roles";
import type { KeyScope } from "@/lib/auth/api-keys";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { isDatabaseUnavailable, isStatementTimeout } from "@/lib/db/errors";
import { readJsonBody } from "./body";
import { clientAddress } from "@/lib/rate-limit/client-address";
import { DomainError, formatPath } from "@/lib/errors";
import { ApiError, describeIssues, errorResponse, fromDomainError } from "./errors";
import { checkInvalidKeyBudget, spendInvalidKey, spendRequest } from "./rate-limit";
import { CHECKS_RESPONSES, checkResponse } from "./contract-check";
import { parseQuery } from "./query";
import { findUnstorableText, textProblem } from "./storable-text";

/**
 * Every API route is one declaration: who may call it, what it takes, what it returns.
 * The wrapper authenticates (401 before any tenant query), resolves the tenant from the key
 * or the session's membership (never from the body), checks scope or role, validates, and
 * maps every failure to the one error envelope. Unexpected errors are a 500 with no internals.
 * Every call spends one request of its key's or user's budget; failed keys spend their address's.
 */
export type Principal = ({ kind: "key" } & KeyPrincipal) | ({ kind: "session" } & ProjectAccess);

/** The person behind a request, for created_by and audit columns; an API key acts for nobody. */
export function actorOf(principal: Principal): string | null {
  return principal.kind === "session" ? principal.userId : null;
}

export type AuthRule = { key: KeyScope; session?: Action } | { session: Action; key?: KeyScope };

interface RouteInput<Body, Query, Params> {
  req: NextRequest;
  body: Body;
  query: Query;
  params: Params;
  principal: Principal;
  projectId: string;
}

/**
 * What a route declares besides its handler: the contract /docs/api is generated from.
 * `params`, `query` and `body` are parsed before the handler runs; `response` describes the
 * 2xx JSON and is checked on every call in tests (contract-check.ts), never in production.
 */
export interface RouteContract {
  /** One sentence for the API reference. */
  summary?: string;
  auth: AuthRule;
  /** Path parameters (`[id]` segments); one that fails is a 404 naming it. */
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** The status of a success: 200 unless the route says 201 (created) or 204 (no body). */
  status?: 200 | 201 | 204;
}

interface RouteSpec<BodySchema extends z.ZodType, QuerySchema extends z.ZodType, Params> extends RouteContract {
  body?: BodySchema;
  query?: QuerySchema;
  params?: z.ZodType<Params>;
  maxBodyBytes?: number;
  /**
   * Ingestion checks its events' text one by one (a bad event must not cost the batch); every
   * other body is refused whole when a string in it cannot be stored.
   */
  checksOwnText?: boolean;
  /** The per-key (or per-user) request budget the route spends: `api` unless it says otherwise. */
  budget?: "api" | "ingest";
  handler: (input: RouteInput<z.infer<BodySchema>, z.infer<QuerySchema>, Params>) => Promise<Response | unknown>;
}

/** A route handler as Next.js calls it, carrying its contract for the API reference. */
export type RouteHandler = ((
  req: NextRequest,
  context: { params: Promise<Record<string, string | string[] | undefined>> },
) => Promise<Response>) & { contract: RouteContract };

const DEFAULT_MAX_BODY = 1_000_000;

export function defineRoute<
  BodySchema extends z.ZodType = z.ZodUndefined,
  QuerySchema extends z.ZodType = z.ZodObject,
  Params = Record<string, string>,
>(spec: RouteSpec<BodySchema, QuerySchema, Params>): RouteHandler {
  const { summary, auth, params, query, body, response, status } = spec;
  const contract: RouteContract = { summary, auth, params, query, body, response, status };
  const handle = async (
    req: NextRequest,
    context: { params: Promise<Record<string, string | string[] | undefined>> },
  ): Promise<Response> => {
    try {
      const principal = await authenticate(req, spec.auth);
      await spendRequest(spec.budget ?? "api", ...budgetSubject(principal));
      const rawParams = (await context.params) ?? {};
      refuseUnstorable([...req.nextUrl.searchParams]);
      refuseUnstorable(Object.entries(rawParams));
      const params = spec.params ? parseParams(spec.params, rawParams) : rawParams;
      const query = spec.query ? parseQuery(spec.query, req.nextUrl.searchParams) : {};
      const body = spec.body ? parseBody(spec.body, await readStorableJsonBody(req, spec)) : undefined;
      const result = await spec.handler({
        req,
        body: body as z.infer<BodySchema>,
        query: query as z.infer<QuerySchema>,
        params: params as Params,
        principal,
        projectId: principal.projectId,
      });
      const response = toResponse(result, spec.status);
      if (CHECKS_RESPONSES && spec.response) await checkResponse(spec.response, response);
      return response;
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      if (error instanceof DomainError) return errorResponse(fromDomainError(error, spec.body !== undefined));
      if (isDatabaseUnavailable(error)) {
        return errorResponse(
          new ApiError("unavailable", "The database is unavailable right now; retry shortly.", { "retry-after": "2" }),
        );
      }
      if (isStatementTimeout(error)) {
        return errorResponse(
          new ApiError(
            "query_timeout",
            "The query took too long and was stopped; ask for a shorter period or fewer values.",
            { "retry-after": "5" },
          ),
        );
      }
      console.error("[api] unexpected error", req.method, req.nextUrl.pathname, error);
      return errorResponse(new ApiError("internal_error", "Something went wrong on our side; it has been logged."));
    }
  };
  return Object.assign(handle, { contract });
}

/** A handler's own Response passes as is; anything else is the JSON body of the route's status. */
function toResponse(result: unknown, status: RouteContract["status"] = 200): Response {
  if (result instanceof Response) return result;
  if (status === 204) return new Response(null, { status });
  return NextResponse.json(result, { status });
}

/** A path parameter that names nothing (not an id) is a 404 naming it, before any query. */
function parseParams<P>(schema: z.ZodType<P>, value: unknown): P {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError("not_found", describeIssues(result.error.issues));
  return result.data;
}

/** The JSON body, refused whole when a string in it cannot be stored (unless the route checks its own text). */
async function readStorableJsonBody(
  req: NextRequest,
  spec: { maxBodyBytes?: number; checksOwnText?: boolean },
): Promise<unknown> {
  const body = await readJsonBody(req, spec.maxBodyBytes ?? DEFAULT_MAX_BODY);
  if (!spec.checksOwnText) {
    const found = findUnstorableText(body);
    if (found) throw new ApiError("invalid_body", `${formatPath(found.path) || "(root)"}: ${found.problem}`);
  }
  return body;
}

/** Query and path parameters that PostgreSQL could not compare with (NUL) are refused by name. */
function refuseUnstorable(entries: [string, unknown][]): void {
  for (const [name, value] of entries) {
    const problem = textProblem(name) ?? (typeof value === "string" ? textProblem(value) : null);
    if (problem) throw new ApiError("invalid_query", `${name || "(parameter)"}: ${problem}`);
  }
}

function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError("invalid_body", describeIssues(result.error.issues));
  return result.data;
}

async function authenticate(req: NextRequest, rule: AuthRule): Promise<Principal> {
  const header = req.headers.get("authorization");
  if (header) {
    if (!rule.key) throw new ApiError("unauthorized", "This endpoint takes a signed-in session, not an API key");
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError("unauthorized", "Authorization must be `Bearer <api key>`");
    const address = clientAddress(req.headers);
    await checkInvalidKeyBudget(address);
    const key = await authenticateApiKey(getDb().pool, match[1]!);
    if (!key) {
      await spendInvalidKey(address);
      throw new ApiError("unauthorized", "Unknown or revoked API key");
    }
    if (!key.scopes.includes(rule.key)) {
      throw new ApiError(
        "forbidden",
        `This API key lacks the \`${rule.key}\` scope (it has: ${key.scopes.join(", ")})`,
      );
    }
    return { kind: "key", ...key };
  }
  if (!rule.session) throw new ApiError("unauthorized", "Send an API key as `Authorization: Bearer <key>`");
  const token = await getToken({ req, secret: getEnv().AUTH_SECRET });
  if (!token?.sub) throw new ApiError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`");
  const projectId = req.nextUrl.searchParams.get("project");
  if (!projectId) throw new ApiError("invalid_query", "project: required when calling with a session");
  const access = await projectAccessById(token.sub, projectId);
  if (!access) throw new ApiError("not_found", "No such project");
  if (!can(access.role, rule.session)) {
    throw new ApiError("forbidden", `Your role (${access.role}) may not do this`);
  }
  return { kind: "session", ...access };
}

function budgetSubject(principal: Principal): [subject: string, who: string] {
  return principal.kind === "key"
    ? [`key:${principal.keyId}`, "this API key"]
    : [`user:${principal.userId}`, "your account"];
}
