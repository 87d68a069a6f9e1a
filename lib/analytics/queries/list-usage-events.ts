/**
 * The events explorer: raw usage events of any period, newest first by when they occurred, with
 * their cost breakdown and pricing provenance. The one read of raw events, by design: it walks
 * the table's primary key (project_id, occurred_at, event_id) backwards from the period's end with
 * a keyset cursor, so a page costs the same at any table size and any depth, a day 90 days back
 * included. Filters are exact lists (drill-down links) or case-insensitive contains-searches on
 * customer, feature and model (ILIKE, the user's % and _ matched literally).
 */
import type { Pool, PoolClient } from "pg";
import type { UsageEventsQuery, UsageEventsResponse, UsageEventView } from "../contracts";
import { invalidField } from "@/lib/errors";
import { storedUnitJson } from "@/lib/pricing/units";
import { money } from "../money";
import { decimalText, SqlParams, TOKEN_FIELDS, tokensOf } from "../sql";

type UsageEventFilters = Pick<
  UsageEventsQuery,
  | "feature"
  | "customer"
  | "model"
  | "provider"
  | "status"
  | "unpriced"
  | "customer_contains"
  | "feature_contains"
  | "model_contains"
>;

interface UsageEventsInput {
  projectId: string;
  filters: UsageEventFilters;
  /** The period as instants, `to` exclusive (lib/analytics/date-range); none: every event. */
  window?: { from: Date; to: Date };
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
  unit: string | null;
  unit_quantity: string;
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

function encodeCursor(occurredAt: string, eventId: string): string {
  return Buffer.from(JSON.stringify([occurredAt, eventId])).toString("base64url");
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[1] === "string" &&
      typeof value[0] === "string" &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // falls through to the error below
  }
  throw invalidField("cursor", "not a cursor this API returned");
}

/** `value` matched anywhere in a column, case-insensitively, its own % _ and \\ taken literally. */
export function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function whereOf(params: SqlParams, input: Omit<UsageEventsInput, "limit">): string[] {
  const where = [`e.project_id = ${params.add(input.projectId)}::uuid`];
  for (const dim of ["feature", "customer", "model", "provider"] as const) {
    const values = input.filters[dim];
    if (values && values.length > 0) where.push(`e.${dim} = ANY(${params.add(values)}::text[])`);
  }
  for (const dim of ["feature", "customer", "model"] as const) {
    const text = input.filters[`${dim}_contains`];
    // Case folded by the database's collation: the column's "C" folds ASCII letters only.
    if (text) where.push(`e.${dim} COLLATE "default" ILIKE ${params.add(containsPattern(text))} ESCAPE '\\'`);
  }
  if (input.filters.status) where.push(`e.status = ${params.add(input.filters.status)}`);
  if (input.filters.unpriced !== undefined)
    where.push(input.filters.unpriced ? "e.cost_source = 'unpriced'" : "e.cost_source <> 'unpriced'");
  if (input.window) {
    where.push(`e.occurred_at >= ${params.add(input.window.from.toISOString())}::timestamptz`);
    where.push(`e.occurred_at < ${params.add(input.window.to.toISOString())}::timestamptz`);
  }
  if (input.cursor) {
    const [occurredAt, eventId] = decodeCursor(input.cursor);
    where.push(`(e.occurred_at, e.event_id) < (${params.add(occurredAt)}::timestamptz, ${params.add(eventId)})`);
  }
  return where;
}

export async function listUsageEvents(
  pool: Pool | PoolClient,
  input: UsageEventsInput,
): Promise<Omit<UsageEventsResponse, "period">> {
  const params = new SqlParams();
  const where = whereOf(params, input);
  const limit = params.add(input.limit + 1);
  // ORDER BY names the table's columns: a bare occurred_at would be the to_char() output column
  // of the same name, a text sort of every event of the project instead of an index walk.
  const { rows } = await pool.query<EventRowSql>(
    `SELECT event_id, to_char(occurred_at AT TIME ZONE 'UTC', ${UTC_MICROS}) AS occurred_at,
            to_char(received_at AT TIME ZONE 'UTC', ${UTC_MICROS}) AS received_at,
            customer, feature, provider, model, service_tier, status, error_type, latency_ms,
            ${TOKEN_FIELDS.map(([, column]) => column).join(", ")}, unit, unit_quantity::text AS unit_quantity,
            gpu_seconds::text AS gpu_seconds, gpu_type, gpu_pool,
            cost_token::text AS cost_token, cost_gpu::text AS cost_gpu, cost_total::text AS cost_total,
            cost_source, price_entry_id, pricing, trace_id, session_id, metadata
     FROM usage_events AS e
     WHERE ${where.join(" AND ")}
     ORDER BY e.occurred_at DESC, e.event_id DESC
     LIMIT ${limit}`,
    params.values,
  );
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    events: page.map(viewOf),
    next_cursor: rows.length > input.limit && last ? encodeCursor(last.occurred_at, last.event_id) : null,
  };
}

/**
 * Every event of the filtered period, newest first, page by page (keyset, one page in memory at
 * a time): the CSV export streams these, whatever the period's size. One connection and one
 * REPEATABLE READ snapshot serve every page, so an export is a consistent picture.
 */
export async function* usageEventPages(
  pool: Pool,
  input: Omit<UsageEventsInput, "cursor">,
): AsyncGenerator<UsageEventView[]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    let cursor: string | undefined;
    do {
      const page = await listUsageEvents(client, { ...input, cursor });
      if (page.events.length > 0) yield page.events;
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    await client.query("COMMIT");
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
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
    units: storedUnitJson(row.unit, Number(row.unit_quantity)),
    gpu:
      gpuSeconds === "0" && row.gpu_type === null && row.gpu_pool === null
        ? null
        : { seconds: gpuSeconds, type: row.gpu_type, pool: row.gpu_pool },
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
