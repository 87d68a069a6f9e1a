/**
 * Writes validated, priced rows in one transaction and returns the event ids that were new (the
 * others were already stored: duplicates). INSERT_EVENTS_SQL claims the ids and stores the
 * claimed events; their usage, summed per event key and day here, then goes to every rollup
 * level through lib/rollups (the one write path), under the project's rollup lock held shared.
 * A crash at any point leaves either the whole batch or none of it; the caller answers 2xx only
 * after this returned, i.e. after COMMIT.
 */
import type { Pool, PoolClient } from "pg";
import { femtoToUsd } from "@/lib/money";
import { TOKEN_CLASSES } from "@/lib/token-classes";
import { unitPriceKey } from "@/lib/pricing/units";
import { numberArrayLiteral, textArrayLiteral } from "@/lib/db/array-literal";
import { dimensionsToUpsert, rememberDimensions } from "./dimensions";
import { applyUsageDeltas } from "@/lib/rollups/write";
import { gpuSecondsText, usageDeltas, type ClaimedUsage } from "./rollup-deltas";
import { INSERT_EVENTS_SQL, OUTCOME_PARAMS } from "./write-sql";
import type { PricedUsage } from "@/lib/pricing/price-event";
import type { EventRow, OutcomeRow, UsageRow } from "./types";

/** Deadlocks cannot happen by design (ordered locks), but a retry is cheap insurance. */
const RETRYABLE = new Set(["40P01", "40001"]);
const MAX_ATTEMPTS = 3;

export interface WriteInput {
  projectId: string;
  rows: readonly EventRow[];
  /** Pricing of each usage row, in the order of the usage rows within `rows`. */
  priced: readonly PricedUsage[];
}

/** Distinct values in first-seen order, each row's 1-based position among them. */
class Dictionary {
  readonly values: string[] = [];
  private readonly positions = new Map<string, number>();

  positionOf(value: string): number {
    let position = this.positions.get(value);
    if (position === undefined) {
      this.values.push(value);
      this.positions.set(value, (position = this.values.length));
    }
    return position;
  }
}

/**
 * The usage rows as one array literal per USAGE_PARAMS column, plus the dictionaries of
 * USAGE_DICTIONARY_COLUMNS (metadata, pricing).
 */
function usageParameters(
  rows: readonly UsageRow[],
  priced: readonly PricedUsage[],
): { columns: string[]; dictionaries: string[] } {
  const n = rows.length;
  const text = (pick: (row: UsageRow, price: PricedUsage) => string | null) => {
    const values = new Array<string | null>(n);
    for (let i = 0; i < n; i++) values[i] = pick(rows[i]!, priced[i]!);
    return textArrayLiteral(values);
  };
  const number = (pick: (row: UsageRow, price: PricedUsage) => number | string | null) => {
    const values = new Array<number | string | null>(n);
    for (let i = 0; i < n; i++) values[i] = pick(rows[i]!, priced[i]!);
    return numberArrayLiteral(values);
  };
  const metadata = new Dictionary();
  const pricing = new Dictionary();
  const columns = [
    text((row) => row.eventId),
    text((row) => row.occurredAt),
    text((row) => row.customer),
    text((row) => row.feature),
    text((row) => row.provider),
    text((row) => row.model),
    text((row) => row.serviceTier),
    ...TOKEN_CLASSES.map((tokenClass) => number((row) => row.tokens[tokenClass] ?? 0)),
    text((row) => (row.units ? unitPriceKey(row.units) : null)),
    number((row) => row.units?.quantity ?? 0),
    number((row) => gpuSecondsText(row.gpuMicros)),
    text((row) => row.gpuType),
    text((row) => row.gpuPool),
    number((row) => row.latencyMs),
    text((row) => row.status),
    text((row) => row.errorType),
    text((row) => row.traceId),
    text((row) => row.sessionId),
    number((row) => metadata.positionOf(row.metadata)),
    number((_, price) => femtoToUsd(price.costToken)),
    number((_, price) => femtoToUsd(price.costGpu)),
    number((_, price) => femtoToUsd(price.costTotal)),
    text((_, price) => price.source),
    text((_, price) => price.priceEntryId),
    number((_, price) => pricing.positionOf(price.pricing)),
  ];
  return { columns, dictionaries: [textArrayLiteral(metadata.values), textArrayLiteral(pricing.values)] };
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

/** The claimed usage rows with their day, as INSERT_EVENTS_SQL returned them. */
function claimedUsage(
  usage: readonly UsageRow[],
  priced: readonly PricedUsage[],
  days: ReadonlyMap<string, string>,
): ClaimedUsage[] {
  const claimed: ClaimedUsage[] = [];
  for (let i = 0; i < usage.length; i++) {
    const day = days.get(usage[i]!.eventId);
    if (day !== undefined) claimed.push({ row: usage[i]!, price: priced[i]!, day });
  }
  return claimed;
}

async function writeInTransaction(
  client: PoolClient,
  projectId: string,
  values: unknown[],
  usage: readonly UsageRow[],
  priced: readonly PricedUsage[],
): Promise<Set<string>> {
  await client.query("BEGIN");
  try {
    // Unnamed statements on purpose: the embedded database serves every connection from one
    // session, where a named statement prepared by one pg client collides with the next one's.
    const result = await client.query<{ event_id: string; day: string }>(INSERT_EVENTS_SQL, values);
    const days = new Map(result.rows.map((row) => [row.event_id, row.day]));
    await applyUsageDeltas(client, projectId, usageDeltas(claimedUsage(usage, priced, days)), "shared");
    await client.query("COMMIT");
    return new Set(days.keys());
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

export async function writeBatch(pool: Pool, input: WriteInput): Promise<Set<string>> {
  const { projectId, rows, priced } = input;
  if (rows.length === 0) return new Set();
  const usage = rows.filter((row): row is UsageRow => row.kind === "usage");
  const outcomes = rows.filter((row): row is OutcomeRow => row.kind === "outcome");
  const customers = dimensionsToUpsert(
    projectId,
    "customer",
    rows.map((row) => ({ id: row.customer, name: row.customerName })),
  );
  const features = dimensionsToUpsert(
    projectId,
    "feature",
    rows.map((row) => ({ id: row.feature, name: row.featureName })),
  );
  const usageParams = usageParameters(usage, priced);
  const values = [
    projectId,
    textArrayLiteral(rows.map((row) => row.eventId)),
    textArrayLiteral(rows.map((row) => row.kind)),
    textArrayLiteral(rows.map((row) => row.occurredAt)),
    ...usageParams.columns,
    ...outcomeArrays(outcomes),
    customers.ids,
    customers.names,
    features.ids,
    features.names,
    ...usageParams.dictionaries,
  ];
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const stored = await writeInTransaction(client, projectId, values, usage, priced);
      rememberDimensions(projectId, "customer", customers.ids);
      rememberDimensions(projectId, "feature", features.ids);
      return stored;
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Without an SQLSTATE the connection itself failed: do not hand it back to the pool.
      if (!code) broken = error as Error;
      if (attempt >= MAX_ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
    } finally {
      client.release(broken);
    }
  }
}
