/**
 * One stored event by its id, with its cost breakdown and provenance ("why does this call
 * cost that?"). The ledger row gives the kind and the time, so the event row is read by its
 * full primary key. Always filtered by the caller's project.
 */
import type { Pool } from "pg";
import { unitFromStored, unitJson, type UnitJson } from "@/lib/pricing/units";
import { expandProvenance } from "@/lib/pricing/provenance";
import { TOKEN_COLUMNS } from "./write-sql";

interface StoredUsageEvent {
  type: "usage";
  event_id: string;
  occurred_at: string;
  received_at: string;
  customer: string;
  feature: string;
  provider: string;
  model: string;
  service_tier: string;
  tokens: Record<string, number>;
  /** Seconds, characters or images of a call billed by those units. */
  units: UnitJson | null;
  gpu: { seconds: string; type: string | null; pool: string | null } | null;
  latency_ms: number | null;
  status: string;
  error_type: string | null;
  trace_id: string | null;
  session_id: string | null;
  metadata: Record<string, string>;
  cost: {
    source: "computed" | "reported" | "unpriced";
    /** null when the event is unpriced: its cost is unknown, never $0. */
    total_usd: string | null;
    token_usd: string | null;
    gpu_usd: string | null;
    price_entry_id: string | null;
    provenance: Record<string, unknown>;
  };
}

interface StoredOutcomeEvent {
  type: "outcome";
  event_id: string;
  occurred_at: string;
  received_at: string;
  customer: string;
  feature: string;
  outcome: string;
  quantity: string;
  value: string | null;
  metadata: Record<string, string>;
}

type StoredEvent = StoredUsageEvent | StoredOutcomeEvent;

const iso = (value: Date) => value.toISOString();

export async function getEvent(pool: Pool, projectId: string, eventId: string): Promise<StoredEvent | null> {
  const ledger = await pool.query<{ kind: "usage" | "outcome"; occurred_at: Date }>(
    "SELECT kind, occurred_at FROM event_ids WHERE project_id = $1 AND event_id = $2",
    [projectId, eventId],
  );
  const entry = ledger.rows[0];
  if (!entry) return null;
  const key = [projectId, entry.occurred_at, eventId];
  const where = "WHERE project_id = $1 AND occurred_at = $2 AND event_id = $3";
  if (entry.kind === "outcome") {
    const { rows } = await pool.query(`SELECT * FROM outcome_events ${where}`, key);
    const row = rows[0];
    if (!row) return null;
    return {
      type: "outcome",
      event_id: row.event_id,
      occurred_at: iso(row.occurred_at),
      received_at: iso(row.received_at),
      customer: row.customer,
      feature: row.feature,
      outcome: row.outcome_type,
      quantity: row.quantity,
      value: row.value,
      metadata: row.metadata,
    };
  }
  const { rows } = await pool.query(`SELECT * FROM usage_events ${where}`, key);
  const row = rows[0];
  if (!row) return null;
  const tokens: Record<string, number> = {};
  for (const column of TOKEN_COLUMNS)
    if (Number(row[column]) > 0) tokens[column.slice("tokens_".length)] = Number(row[column]);
  const units = unitFromStored(row.unit, Number(row.unit_quantity));
  const unknown = row.cost_source === "unpriced";
  const hasGpu = row.gpu_type !== null || row.gpu_pool !== null || Number(row.gpu_seconds) > 0;
  return {
    type: "usage",
    event_id: row.event_id,
    occurred_at: iso(row.occurred_at),
    received_at: iso(row.received_at),
    customer: row.customer,
    feature: row.feature,
    provider: row.provider,
    model: row.model,
    service_tier: row.service_tier,
    tokens,
    units: units ? unitJson(units) : null,
    gpu: hasGpu ? { seconds: row.gpu_seconds, type: row.gpu_type, pool: row.gpu_pool } : null,
    latency_ms: row.latency_ms,
    status: row.status,
    error_type: row.error_type,
    trace_id: row.trace_id,
    session_id: row.session_id,
    metadata: row.metadata,
    cost: {
      source: row.cost_source,
      total_usd: unknown ? null : row.cost_total,
      token_usd: unknown ? null : row.cost_token,
      gpu_usd: unknown ? null : row.cost_gpu,
      price_entry_id: row.price_entry_id,
      provenance: row.cost_source === "computed" ? expandProvenance(row.pricing, tokens, units) : row.pricing,
    },
  };
}
