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
import { clientAddress } from "./client-address";
import { DomainError, formatPath } from "@/lib/errors";
import { ApiError, describeIssues, errorResponse, fromDomainError } from "./errors";
import { checkInvalidKeyBudget, spendInvalidKey, spendRequest } from "./rate-limit";
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

export interface RouteInput<Body, Query, Params> {
  req: NextRequest;
  body: Body;
  query: Query;
  params: Params;
  principal: Principal;
  projectId: string;
}

interface RouteSpec<BodySchema extends z.ZodType, QuerySchema extends z.ZodType, Params> {
  auth: AuthRule;
  body?: BodySchema;
  query?: QuerySchema;
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

const DEFAULT_MAX_BODY = 1_000_000;

export function defineRoute<
  BodySchema extends z.ZodType = z.ZodUndefined,
  QuerySchema extends z.ZodType = z.ZodObject,
  Params = Record<string, string>,
>(spec: RouteSpec<BodySchema, QuerySchema, Params>) {
  return async (req: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const principal = await authenticate(req, spec.auth);
      await spendRequest(spec.budget ?? "api", ...budgetSubject(principal));
      const params = (await context.params) ?? ({} as Params);
      refuseUnstorable([...req.nextUrl.searchParams]);
      refuseUnstorable(Object.entries(params as Record<string, unknown>));
      const query = spec.query
        ? parseWith(spec.query, Object.fromEntries(req.nextUrl.searchParams), "invalid_query")
        : {};
      const body = spec.body ? parseWith(spec.body, await readStorableJsonBody(req, spec), "invalid_body") : undefined;
      const result = await spec.handler({
        req,
        body: body as z.infer<BodySchema>,
        query: query as z.infer<QuerySchema>,
        params,
        principal,
        projectId: principal.projectId,
      });
      return result instanceof Response ? result : NextResponse.json(result);
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

function parseWith<S extends z.ZodType>(schema: S, value: unknown, code: "invalid_query" | "invalid_body"): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError(code, describeIssues(result.error.issues));
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
