/** Wire contract of revenue imports and closed months (`/revenue*`, `/margins/closed-months`). */
import { z } from "zod";
import type { ClosedMonth } from "@/lib/margins/db/closed-revenue";
import type { ImportLogEntry } from "@/lib/margins/db/revenue-repo";
import { snakeKeys } from "./casing";

export const importLogEntryWire = z.object({
  id: z.string(),
  status: z.enum(["applied", "rejected"]),
  filename: z.string().nullable(),
  rows_read: z.number(),
  rows_rejected: z.number(),
  total: z.string(),
  imported_at: z.string(),
});
export const importsWire = z.object({ imports: z.array(importLogEntryWire) });
export type ImportLogEntryWire = z.infer<typeof importLogEntryWire>;

/** A 201 of `POST /revenue/import`. */
export const importAnswerWire = z.object({
  import_id: z.string(),
  rows: z.number(),
  customers: z.number(),
  months: z.array(z.string()),
  closed_months: z.array(z.string()),
  total: z.string(),
});
export type ImportAnswerWire = z.infer<typeof importAnswerWire>;

/** The fields a 422 of `POST /revenue/import` adds to the error envelope. */
export const importRejectionWire = z.object({
  import_id: z.string(),
  rows_read: z.number(),
  rows_rejected: z.number(),
  rejected: z.array(z.object({ line: z.number(), field: z.string(), reason: z.string() })),
  unknown_customers: z.array(z.string()),
});
export type ImportRejectionWire = z.infer<typeof importRejectionWire>;

const rejectionEnvelope = z.object({ error: importRejectionWire });
/** The rejected rows of a 422 answer's body, or null when the body is another error. */
export function importRejectionOf(body: unknown): ImportRejectionWire | null {
  const parsed = rejectionEnvelope.safeParse(body);
  return parsed.success ? parsed.data.error : null;
}

export const closedMonthWire = z.object({
  month: z.string(),
  source: z.enum(["manual", "imported"]),
  closed_at: z.string(),
});
export const closedMonthsWire = z.object({ closed_months: z.array(closedMonthWire) });
export type ClosedMonthWire = z.infer<typeof closedMonthWire>;
export const monthClosedWire = z.object({
  closed: z.object({ month: z.string(), customers: z.number(), revenue: z.string() }),
});

export const importLogToWire = (entry: ImportLogEntry) => snakeKeys(entry);
export const closedMonthToWire = (month: ClosedMonth) => snakeKeys(month);
