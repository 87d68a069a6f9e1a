import type { Femto } from "@/lib/money";
import type { CanonicalTokens, ServiceTier } from "@/lib/pricing/types";
import type { UnitUsage } from "@/lib/pricing/units";

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

export interface UsageRow extends CommonRow {
  kind: "usage";
  provider: string;
  model: string;
  serviceTier: ServiceTier;
  tokens: CanonicalTokens;
  /** Seconds, characters or images, for calls billed by those units. */
  units: UnitUsage | null;
  /** GPU time in whole microseconds (the column keeps 6 decimals), or 0. */
  gpuMicros: number;
  hasGpu: boolean;
  gpuType: string | null;
  gpuPool: string | null;
  latencyMs: number | null;
  status: "ok" | "error";
  errorType: string | null;
  traceId: string | null;
  sessionId: string | null;
  reportedCost: Femto | null;
  /**
   * The client could not read the call's usage (a stream broken off before the provider sent
   * it: the SDK sends `metadata.usage_status: "unknown"`). Such an event is unpriced, never $0.
   */
  usageUnknown: boolean;
}

export interface OutcomeRow extends CommonRow {
  kind: "outcome";
  outcome: string;
  /** Decimal strings, exact as sent. */
  quantity: string;
  value: string | null;
}

export type EventRow = UsageRow | OutcomeRow;

export interface PricedUsage {
  costToken: Femto;
  costGpu: Femto;
  costTotal: Femto;
  source: "computed" | "reported" | "unpriced";
  priceEntryId: string | null;
  /** JSON text of the per-class provenance. */
  pricing: string;
}
