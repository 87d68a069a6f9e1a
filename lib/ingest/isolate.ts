/**
 * A batch the database refuses is not lost: when a write fails on the data itself (a value
 * validation let through that PostgreSQL cannot store), the batch is split in halves and each
 * half written on its own, down to the single events the database refuses. Those come back as
 * per-event rejections; the rest are stored. Each write is its own transaction, so exactly-once
 * holds as for any batch. Unavailability and other errors are not data problems: they propagate.
 */
import type { Pool } from "pg";
import { isRefusedData } from "@/lib/db/errors";
import { writeBatch, type WriteInput } from "./write";

export interface WriteOutcome {
  /** Event ids stored by this write (the others were stored before: duplicates). */
  stored: Set<string>;
  /** Event ids the database refused, with its reason. */
  refused: Map<string, string>;
}

export async function writeIsolatingRefused(pool: Pool, input: WriteInput): Promise<WriteOutcome> {
  try {
    return { stored: await writeBatch(pool, input), refused: new Map() };
  } catch (error) {
    if (!isRefusedData(error)) throw error;
    if (input.rows.length === 1) {
      const reason = `the database refused this event (${(error as Error).message})`;
      return { stored: new Set(), refused: new Map([[input.rows[0]!.eventId, reason]]) };
    }
    const [first, second] = halves(input);
    const a = await writeIsolatingRefused(pool, first);
    const b = await writeIsolatingRefused(pool, second);
    return { stored: new Set([...a.stored, ...b.stored]), refused: new Map([...a.refused, ...b.refused]) };
  }
}

/** The rows in two halves, each with the pricing of its own usage rows (priced follows usage order). */
function halves(input: WriteInput): [WriteInput, WriteInput] {
  const middle = Math.ceil(input.rows.length / 2);
  const rows = [input.rows.slice(0, middle), input.rows.slice(middle)] as const;
  const usageInFirst = rows[0].filter((row) => row.kind === "usage").length;
  return [
    { projectId: input.projectId, rows: rows[0], priced: input.priced.slice(0, usageInFirst) },
    { projectId: input.projectId, rows: rows[1], priced: input.priced.slice(usageInFirst) },
  ];
}
