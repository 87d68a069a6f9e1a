/**
 * The events explorer: the latest raw usage events, newest first, with their cost breakdown
 * and pricing provenance. The one read of raw events, by design: it walks the
 * (project_id, received_at DESC, event_id DESC) index with a keyset cursor, so a page costs the same at any
 * table size and at any depth.
 */
import type { Pool } from "pg";
import type { UsageEventsQuery, UsageEventsResponse, UsageEventView } from "../contracts";
import { AnalyticsParamError } from "../errors";
import { money } from "../money";
import { decimalText, SqlParams, TOKEN_FIELDS, tokensOf } from "../sql";

export interface UsageEventsInput {
  projectId: string;
  filters: Pick<UsageEventsQuery, "feature" | "customer" | "model" | "provider" | "status" | "unpriced">;
  limit: number;
  cursor?: string;
}

const UTC_MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

interface EventRowSql {
  event_id: string;
  occurred_at: string;
  received_at: string;
  customer: string;
  feature: string;
  provider: string;
  model: string;
  service_tier: string;
  status: "ok" | "error";
  error_type: string | null;
  latency_ms: number | null;
  gpu_seconds: string;
  gpu_type: string | null;
  gpu_pool: string | null;
  cost_token: string;
  cost_gpu: string;
  cost_total: string;
  cost_source: "computed" | "reported" | "unpriced";
  price_entry_id: string | null;
  pricing: unknown;
  trace_id: string | null;
  session_id: string | null;
  metadata: Record<string, string>;
  [column: string]: unknown;
}

export function encodeCursor(receivedAt: string, eventId: string): string {
  return Buffer.from(JSON.stringify([receivedAt, eventId])).toString("base64url");
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === "string" && typeof value[0] === "string" && !Number.isNaN(Date.parse(value[0]))) {
      return [value[0], value[1]];
    }
  } catch {
    // falls through to the error below
  }
  throw new AnalyticsParamError("cursor", "not a cursor this API returned");
}

export async function listUsageEvents(pool: Pool, input: UsageEventsInput): Promise<UsageEventsResponse> {
  const params = new SqlParams();
  const where = [`project_id = ${params.add(input.projectId)}::uuid`];
  for (const dim of ["feature", "customer", "model", "provider"] as const) {
    const values = input.filters[dim];
    if (values && values.length > 0) where.push(`${dim} = ANY(${params.add(values)}::text[])`);
  }
  if (input.filters.status) where.push(`status = ${params.add(input.filters.status)}`);
  if (input.filters.unpriced !== undefined) where.push(input.filters.unpriced ? "cost_source = 'unpriced'" : "cost_source <> 'unpriced'");
  if (input.cursor) {
    const [receivedAt, eventId] = decodeCursor(input.cursor);
    where.push(`(e.received_at, e.event_id) < (${params.add(receivedAt)}::timestamptz, ${params.add(eventId)})`);
  }
  const limit = params.add(input.limit + 1);
  // ORDER BY names the table's columns: a bare received_at would be the to_char() output column
  // of the same name, a text sort of every event of the project instead of an index walk.
  const { rows } = await pool.query<EventRowSql>(
    `SELECT event_id, to_char(occurred_at AT TIME ZONE 'UTC', ${UTC_MICROS}) AS occurred_at,
            to_char(received_at AT TIME ZONE 'UTC', ${UTC_MICROS}) AS received_at,
            customer, feature, provider, model, service_tier, status, error_type, latency_ms,
            ${TOKEN_FIELDS.map(([, column]) => column).join(", ")},
            gpu_seconds::text AS gpu_seconds, gpu_type, gpu_pool,
            cost_token::text AS cost_token, cost_gpu::text AS cost_gpu, cost_total::text AS cost_total,
            cost_source, price_entry_id, pricing, trace_id, session_id, metadata
     FROM usage_events AS e
     WHERE ${where.join(" AND ")}
     ORDER BY e.received_at DESC, e.event_id DESC
     LIMIT ${limit}`,
    params.values,
  );
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    events: page.map(viewOf),
    next_cursor: rows.length > input.limit && last ? encodeCursor(last.received_at, last.event_id) : null,
  };
}

function viewOf(row: EventRowSql): UsageEventView {
  const unknown = row.cost_source === "unpriced";
  const gpuSeconds = decimalText(row.gpu_seconds);
  return {
    event_id: row.event_id,
    occurred_at: row.occurred_at,
    received_at: row.received_at,
    customer: row.customer,
    feature: row.feature,
    provider: row.provider,
    model: row.model,
    service_tier: row.service_tier,
    status: row.status,
    error_type: row.error_type,
    latency_ms: row.latency_ms,
    tokens: tokensOf(row as never),
    gpu: gpuSeconds === "0" && row.gpu_type === null && row.gpu_pool === null ? null : { seconds: gpuSeconds, type: row.gpu_type, pool: row.gpu_pool },
    cost: {
      token: unknown ? null : money(row.cost_token),
      gpu: unknown ? null : money(row.cost_gpu),
      total: unknown ? null : money(row.cost_total),
      source: row.cost_source,
      price_entry_id: row.price_entry_id,
    },
    pricing: row.pricing,
    trace_id: row.trace_id,
    session_id: row.session_id,
    metadata: row.metadata,
  };
}
