/**
 * One batch of `POST /api/v1/events`: validate each event on its own, drop repeats of an
 * event id within the batch, price the usage events, write everything in one transaction
 * (grouped with the batches that arrive meanwhile: group-commit.ts), and answer per event.
 * Plain TypeScript over a pg pool, testable without Next.js.
 */
import type { Pool } from "pg";
import { createGroupCommitWriter, type BatchWriter } from "./group-commit";
import { getProjectPricing } from "@/lib/pricing/server";
import { priceUsageEvent, type PricedUsage } from "@/lib/pricing/price-event";
import { validateEvents } from "./validate";
import type { EventRow, IngestResponse, UsageRow } from "./types";

/**
 * Two transactions in flight keep both of a small server's cores busy (one builds the next
 * group while the database writes the other); 10,000 events keep one transaction well under a
 * second.
 */
const GROUP_COMMIT = { maxConcurrent: 2, maxEvents: 10_000 };
const writers = new WeakMap<Pool, BatchWriter>();

function writerFor(pool: Pool): BatchWriter {
  let writer = writers.get(pool);
  if (!writer) writers.set(pool, (writer = createGroupCommitWriter(pool, GROUP_COMMIT)));
  return writer;
}

export async function ingestBatch(
  pool: Pool,
  projectId: string,
  events: readonly unknown[],
  now = Date.now(),
): Promise<IngestResponse> {
  const { rows, results } = validateEvents(events, now);

  const seen = new Set<string>();
  const unique: EventRow[] = [];
  for (const row of rows) {
    if (seen.has(row.eventId)) results[row.index] = { index: row.index, event_id: row.eventId, status: "duplicate" };
    else {
      seen.add(row.eventId);
      unique.push(row);
    }
  }

  const pricing = await getProjectPricing(pool, projectId);
  const priced: PricedUsage[] = [];
  for (const row of unique) if (row.kind === "usage") priced.push(priceUsageEvent(row as UsageRow, pricing));

  const { stored, refused } = await writerFor(pool)({ projectId, rows: unique, priced });
  for (const row of unique) {
    const refusal = refused.get(row.eventId);
    if (refusal !== undefined)
      results[row.index] = {
        index: row.index,
        event_id: row.eventId,
        status: "rejected",
        field: "(event)",
        reason: refusal,
      };
    else if (!stored.has(row.eventId))
      results[row.index] = { index: row.index, event_id: row.eventId, status: "duplicate" };
  }

  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  for (const result of results) {
    if (result.status === "accepted") accepted++;
    else if (result.status === "duplicate") duplicates++;
    else rejected++;
  }
  return { accepted, duplicates, rejected, results };
}
