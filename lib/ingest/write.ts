/**
 * Writes validated, priced rows with the single statement of write-sql.ts and returns the
 * event ids that were new (the others were already stored: duplicates). The statement is
 * atomic, so a crash at any point leaves either the whole batch or none of it; the caller
 * answers 2xx only after it returned, i.e. after COMMIT.
 */
import type { Pool } from "pg";
import { femtoToUsd } from "@/lib/money";
import type { TokenClass } from "@/lib/pricing/types";
import { dimensionsToUpsert, rememberDimensions } from "./dimensions";
import { latencyBucket } from "./latency-buckets";
import { INGEST_SQL, OUTCOME_PARAMS, USAGE_PARAMS } from "./write-sql";
import type { EventRow, OutcomeRow, PricedUsage, UsageRow } from "./types";

const TOKEN_ORDER: readonly TokenClass[] = [
  "input",
  "cache_read",
  "cache_write_5m",
  "cache_write_1h",
  "output",
  "reasoning",
  "audio_input",
  "audio_output",
  "image_input",
  "image_output",
];

/** Deadlocks cannot happen by design (ordered locks), but a retry is cheap insurance. */
const RETRYABLE = new Set(["40P01", "40001"]);
const MAX_ATTEMPTS = 3;

export interface WriteInput {
  projectId: string;
  rows: readonly EventRow[];
  /** Pricing of each usage row, in the order of the usage rows within `rows`. */
  priced: readonly PricedUsage[];
}

function gpuSecondsText(micros: number): string {
  if (micros === 0) return "0";
  const whole = Math.floor(micros / 1e6);
  return `${whole}.${String(micros - whole * 1e6).padStart(6, "0")}`;
}

function usageArrays(rows: readonly UsageRow[], priced: readonly PricedUsage[]): unknown[][] {
  const columns: unknown[][] = USAGE_PARAMS.map(() => new Array(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const price = priced[i]!;
    let c = 0;
    columns[c++]![i] = row.eventId;
    columns[c++]![i] = row.occurredAt;
    columns[c++]![i] = row.customer;
    columns[c++]![i] = row.feature;
    columns[c++]![i] = row.provider;
    columns[c++]![i] = row.model;
    columns[c++]![i] = row.serviceTier;
    for (const tokenClass of TOKEN_ORDER) columns[c++]![i] = row.tokens[tokenClass] ?? 0;
    columns[c++]![i] = gpuSecondsText(row.gpuMicros);
    columns[c++]![i] = row.gpuType;
    columns[c++]![i] = row.gpuPool;
    columns[c++]![i] = row.latencyMs;
    columns[c++]![i] = row.latencyMs === null ? null : latencyBucket(row.latencyMs);
    columns[c++]![i] = row.status;
    columns[c++]![i] = row.errorType;
    columns[c++]![i] = row.traceId;
    columns[c++]![i] = row.sessionId;
    columns[c++]![i] = row.metadata;
    columns[c++]![i] = femtoToUsd(price.costToken);
    columns[c++]![i] = femtoToUsd(price.costGpu);
    columns[c++]![i] = femtoToUsd(price.costTotal);
    columns[c++]![i] = price.source;
    columns[c++]![i] = price.priceEntryId;
    columns[c++]![i] = price.pricing;
  }
  return columns;
}

function outcomeArrays(rows: readonly OutcomeRow[]): unknown[][] {
  const columns: unknown[][] = OUTCOME_PARAMS.map(() => new Array(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let c = 0;
    columns[c++]![i] = row.eventId;
    columns[c++]![i] = row.occurredAt;
    columns[c++]![i] = row.customer;
    columns[c++]![i] = row.feature;
    columns[c++]![i] = row.outcome;
    columns[c++]![i] = row.quantity;
    columns[c++]![i] = row.value;
    columns[c++]![i] = row.metadata;
  }
  return columns;
}

export async function writeBatch(pool: Pool, input: WriteInput): Promise<Set<string>> {
  const { projectId, rows, priced } = input;
  if (rows.length === 0) return new Set();
  const usage = rows.filter((row): row is UsageRow => row.kind === "usage");
  const outcomes = rows.filter((row): row is OutcomeRow => row.kind === "outcome");
  const customers = dimensionsToUpsert(projectId, "customer", rows.map((row) => ({ id: row.customer, name: row.customerName })));
  const features = dimensionsToUpsert(projectId, "feature", rows.map((row) => ({ id: row.feature, name: row.featureName })));
  const values = [
    projectId,
    rows.map((row) => row.eventId),
    rows.map((row) => row.kind),
    rows.map((row) => row.occurredAt),
    ...usageArrays(usage, priced),
    ...outcomeArrays(outcomes),
    customers.ids,
    customers.names,
    features.ids,
    features.names,
  ];
  for (let attempt = 1; ; attempt++) {
    try {
      // Unnamed on purpose: the embedded database serves every connection from one session,
      // where a named statement prepared by one pg client collides with the next one's.
      const result = await pool.query<{ event_id: string }>(INGEST_SQL, values);
      rememberDimensions(projectId, "customer", customers.ids);
      rememberDimensions(projectId, "feature", features.ids);
      return new Set(result.rows.map((row) => row.event_id));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= MAX_ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
    }
  }
}
