/** Wire contract of revenue imports and closed months (`/revenue*`, `/margins/closed-months`). */
import { z } from "zod";
import type { ClosedMonth } from "@/lib/margins/db/closed-revenue";
import type { ImportLogEntry } from "@/lib/margins/db/revenue-repo";
import { wireDecimal, wireMoney, wireTimestamp } from "@/lib/api/wire";
import { snakeKeys } from "./casing";

const month = z.string().describe("A month, YYYY-MM");

const importLogEntryWire = z.object({
  id: z.string().describe("The import's id (a UUID)"),
  status: z.enum(["applied", "rejected"]).describe("rejected: a row was refused and nothing was imported"),
  filename: z.string().nullable(),
  rows_read: z.number(),
  rows_rejected: z.number(),
  total: wireDecimal.describe("The revenue the file held, in US dollars"),
  imported_at: wireTimestamp,
});
export const importsWire = z.object({ imports: z.array(importLogEntryWire) });

/** A 201 of `POST /revenue/import`. */
export const importAnswerWire = z.object({
  import_id: z.string().describe("The import's id in the import log"),
  rows: z.number().describe("Rows imported"),
  customers: z.number().describe("Distinct customers in the file"),
  months: z.array(month).describe("The months the file covers"),
  closed_months: z.array(month).describe("The months this import closed (their revenue is now frozen)"),
  total: wireMoney.describe("The revenue imported, in US dollars"),
});

/** The fields a 422 of `POST /revenue/import` adds to the error envelope. */
const importRejectionWire = z.object({
  import_id: z.string(),
  rows_read: z.number(),
  rows_rejected: z.number(),
  rejected: z.array(z.object({ line: z.number(), field: z.string(), reason: z.string() })),
  unknown_customers: z.array(z.string()),
});
type ImportRejectionWire = z.infer<typeof importRejectionWire>;

const rejectionEnvelope = z.object({ error: importRejectionWire });
/** The rejected rows of a 422 answer's body, or null when the body is another error. */
export function importRejectionOf(body: unknown): ImportRejectionWire | null {
  const parsed = rejectionEnvelope.safeParse(body);
  return parsed.success ? parsed.data.error : null;
}

const closedMonthWire = z.object({
  month,
  source: z.enum(["manual", "imported"]).describe("Closed by hand, or by a revenue import"),
  closed_at: wireTimestamp,
});
export const closedMonthsWire = z.object({ closed_months: z.array(closedMonthWire) });
export const monthClosedWire = z.object({
  closed: z.object({
    month,
    customers: z.number().describe("Customers whose revenue was frozen"),
    revenue: wireMoney.describe("Their frozen revenue for the month, in US dollars"),
  }),
});

export const importLogToWire = (entry: ImportLogEntry) => snakeKeys(entry);
export const closedMonthToWire = (month: ClosedMonth) => snakeKeys(month);
