import type { EventToPrice } from "@/lib/pricing/price-event";

/** What the API answers for each event of a batch, in request order. */
export interface EventResult {
  index: number;
  event_id?: string;
  status: "accepted" | "duplicate" | "rejected";
  field?: string;
  reason?: string;
}

export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: EventResult[];
}

interface CommonRow {
  index: number;
  eventId: string;
  /** The same instant as occurredMs, in UTC (ISO 8601 with Z): PostgreSQL never parses a client's offset. */
  occurredAt: string;
  occurredMs: number;
  customer: string;
  feature: string;
  customerName: string | null;
  featureName: string | null;
  /** JSON text of the string -> string metadata. */
  metadata: string;
}

/** A validated usage event: what pricing reads (EventToPrice) and what is stored beside it. */
export interface UsageRow extends CommonRow, EventToPrice {
  kind: "usage";
  latencyMs: number | null;
  status: "ok" | "error";
  errorType: string | null;
  traceId: string | null;
  sessionId: string | null;
}

export interface OutcomeRow extends CommonRow {
  kind: "outcome";
  outcome: string;
  /** Decimal strings, exact as sent. */
  quantity: string;
  value: string | null;
}

export type EventRow = UsageRow | OutcomeRow;
