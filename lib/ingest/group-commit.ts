/**
 * Group commit: batches that arrive while the database is busy with earlier ones wait, then go
 * to the database together as one transaction. Every rollup key they share is updated once
 * instead of once per request, and N requests pay for one commit. Each caller still gets
 * exactly its own answer, and only after the transaction that holds its events committed.
 *
 * An event id sent by two requests of one group is written once: the earlier request in the
 * group gets the row (accepted, or duplicate if it was stored before), the later one a
 * duplicate, as if they had been written one after the other.
 *
 * If a group's transaction fails, its requests are retried one by one, each keeping its good
 * events when the database refuses some of them (isolate.ts).
 */
import type { Pool } from "pg";
import { writeIsolatingRefused, type WriteOutcome } from "./isolate";
import { writeBatch, type WriteInput } from "./write";
import type { PricedUsage } from "@/lib/pricing/price-event";
import type { EventRow } from "./types";

interface GroupCommitOptions {
  /** Transactions in flight at once (each holds a pool connection). */
  maxConcurrent: number;
  /** Events per transaction, at most: a group closes when the next request would exceed it. */
  maxEvents: number;
}

interface Pending {
  input: WriteInput;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

export type BatchWriter = (input: WriteInput) => Promise<WriteOutcome>;

/** The requests' rows in one input, each id once, and which ids each request contributed. */
function merge(group: readonly Pending[]): { input: WriteInput; owned: Set<string>[] } {
  const rows: EventRow[] = [];
  const priced: PricedUsage[] = [];
  const taken = new Set<string>();
  const owned = group.map(({ input }) => {
    const mine = new Set<string>();
    let usageIndex = 0;
    for (const row of input.rows) {
      const price = row.kind === "usage" ? input.priced[usageIndex++]! : undefined;
      if (taken.has(row.eventId)) continue;
      taken.add(row.eventId);
      mine.add(row.eventId);
      rows.push(row);
      if (price) priced.push(price);
    }
    return mine;
  });
  return { input: { projectId: group[0]!.input.projectId, rows, priced }, owned };
}

export function createGroupCommitWriter(pool: Pool, options: GroupCommitOptions): BatchWriter {
  const queue: Pending[] = [];
  let running = 0;

  /** The oldest request and the queued ones of the same project that fit with it. */
  function takeGroup(): Pending[] {
    const first = queue.shift()!;
    const group = [first];
    let events = first.input.rows.length;
    for (let i = 0; i < queue.length;) {
      const next = queue[i]!;
      if (next.input.projectId !== first.input.projectId) i++;
      else if (events + next.input.rows.length > options.maxEvents) break;
      else {
        group.push(next);
        events += next.input.rows.length;
        queue.splice(i, 1);
      }
    }
    return group;
  }

  async function writeGroup(group: Pending[]): Promise<void> {
    if (group.length === 1) {
      const [only] = group;
      await writeIsolatingRefused(pool, only!.input).then(only!.resolve, only!.reject);
      return;
    }
    const { input, owned } = merge(group);
    let stored: Set<string>;
    try {
      stored = await writeBatch(pool, input);
    } catch {
      for (const pending of group)
        await writeIsolatingRefused(pool, pending.input).then(pending.resolve, pending.reject);
      return;
    }
    group.forEach((pending, i) =>
      pending.resolve({ stored: new Set([...owned[i]!].filter((id) => stored.has(id))), refused: new Map() }),
    );
  }

  function pump(): void {
    while (running < options.maxConcurrent && queue.length > 0) {
      running++;
      void writeGroup(takeGroup()).finally(() => {
        running--;
        pump();
      });
    }
  }

  return (input) =>
    new Promise<WriteOutcome>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      pump();
    });
}
