/**
 * Imported actual revenue (customer, month, amount) from billing CSV. All or nothing: the file
 * is validated in full first; a file with any bad row writes only a `rejected` entry in the
 * import log, with its report. A good file is written in one transaction, one set-based
 * statement; a customer-month imported again is replaced by the later import.
 */
import type { PoolClient } from "pg";
import type { Database } from "@/lib/db/client";
import { usdToFemto, femtoToUsd, type Femto } from "@/lib/money";
import { monthsOf, type Period } from "@/lib/calendar/months";
import { parseRevenueCsv, unknownCustomerErrors, type CsvRowError, type RevenueCsvResult } from "../revenue-csv";
import type { ImportedRevenue } from "../types";

/** The log keeps the first errors of a rejected file; the API answer carries all of them. */
const LOGGED_ERRORS = 500;

type RevenueImportResult =
  | { ok: true; importId: string; rows: number; customers: number; months: string[]; total: Femto }
  | {
      ok: false;
      importId: string;
      rowsRead: number;
      rowsRejected: number;
      errors: CsvRowError[];
      unknownCustomers: string[];
    };

interface RevenueImportOptions {
  filename?: string | null;
  /** Customers that never sent an event, imported anyway because the user confirmed each by name. */
  confirmUnknownCustomers?: readonly string[];
}

export async function importRevenueCsv(
  db: Database,
  projectId: string,
  userId: string | null,
  text: string,
  options: RevenueImportOptions = {},
): Promise<RevenueImportResult> {
  const filename = options.filename ?? null;
  const client = await db.pool.connect();
  try {
    await client.query("BEGIN");
    const { parsed, unknownCustomers } = await checkCustomers(
      client,
      projectId,
      parseRevenueCsv(text),
      new Set(options.confirmUnknownCustomers ?? []),
    );
    if (!parsed.ok) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO revenue_import_batches (project_id, status, filename, rows_read, rows_rejected, errors, imported_by)
         VALUES ($1, 'rejected', $2, $3, $4, $5::jsonb, $6) RETURNING id`,
        [
          projectId,
          filename,
          parsed.rowsRead,
          parsed.rowsRejected,
          JSON.stringify(parsed.errors.slice(0, LOGGED_ERRORS)),
          userId,
        ],
      );
      await client.query("COMMIT");
      return {
        ok: false,
        importId: rows[0]!.id,
        rowsRead: parsed.rowsRead,
        rowsRejected: parsed.rowsRejected,
        errors: parsed.errors,
        unknownCustomers,
      };
    }
    const total = parsed.rows.reduce((sum, row) => sum + row.revenue, 0n);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO revenue_import_batches (project_id, status, filename, rows_read, rows_rejected, total, imported_by)
       VALUES ($1, 'applied', $2, $3, 0, $4::numeric, $5) RETURNING id`,
      [projectId, filename, parsed.rows.length, femtoToUsd(total), userId],
    );
    const importId = rows[0]!.id;
    await client.query(
      `INSERT INTO revenue_imports (project_id, customer, month, revenue, import_id, imported_by)
       SELECT $1, r.customer, (r.month || '-01')::date, r.revenue, $5, $6
         FROM unnest($2::text[], $3::text[], $4::numeric[]) AS r(customer, month, revenue)
       ON CONFLICT (project_id, customer, month)
       DO UPDATE SET revenue = EXCLUDED.revenue, import_id = EXCLUDED.import_id,
                     imported_by = EXCLUDED.imported_by, imported_at = now()`,
      [
        projectId,
        parsed.rows.map((r) => r.customer),
        parsed.rows.map((r) => r.month),
        parsed.rows.map((r) => femtoToUsd(r.revenue)),
        importId,
        userId,
      ],
    );
    await client.query("COMMIT");
    return {
      ok: true,
      importId,
      rows: parsed.rows.length,
      customers: new Set(parsed.rows.map((r) => r.customer)).size,
      months: [...new Set(parsed.rows.map((r) => r.month))].sort(),
      total,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A valid file is refused, by line, when it names a closed month, or customers that never sent
 * an event and were not confirmed.
 */
async function checkCustomers(
  client: PoolClient,
  projectId: string,
  parsed: RevenueCsvResult,
  confirmed: ReadonlySet<string>,
): Promise<{ parsed: RevenueCsvResult; unknownCustomers: string[] }> {
  if (!parsed.ok) return { parsed, unknownCustomers: [] };
  const { rows: closed } = await client.query<{ month: string }>(
    "SELECT to_char(month, 'YYYY-MM') AS month FROM closed_months WHERE project_id = $1",
    [projectId],
  );
  const closedMonths = new Set(closed.map((row) => row.month));
  const closedErrors = parsed.rows
    .filter((row) => closedMonths.has(row.month))
    .map((row) => ({
      line: row.line,
      field: "month",
      reason: `${row.month} is closed: its revenue is frozen and cannot change`,
    }));
  if (closedErrors.length)
    return {
      parsed: { ok: false, errors: closedErrors, rowsRead: parsed.rows.length, rowsRejected: closedErrors.length },
      unknownCustomers: [],
    };
  const names = [...new Set(parsed.rows.map((row) => row.customer))];
  const { rows } = await client.query<{ external_id: string }>(
    "SELECT external_id FROM customers WHERE project_id = $1 AND external_id = ANY($2::text[])",
    [projectId, names],
  );
  const errors = unknownCustomerErrors(parsed.rows, new Set(rows.map((row) => row.external_id)), confirmed);
  if (errors.length === 0) return { parsed, unknownCustomers: [] };
  const unknownCustomers = [
    ...new Set(errors.map((error) => parsed.rows.find((row) => row.line === error.line)!.customer)),
  ];
  return { parsed: { ok: false, errors, rowsRead: parsed.rows.length, rowsRejected: errors.length }, unknownCustomers };
}

/** Imported revenue of the months a period touches. */
export async function loadImportedRevenue(
  db: Pick<Database, "pool">,
  projectId: string,
  period: Period,
): Promise<ImportedRevenue[]> {
  const months = monthsOf(period);
  const { rows } = await db.pool.query<{ customer: string; month: string; revenue: string }>(
    `SELECT customer, to_char(month, 'YYYY-MM') AS month, revenue::text AS revenue
       FROM revenue_imports
      WHERE project_id = $1 AND month >= ($2 || '-01')::date AND month <= ($3 || '-01')::date
      ORDER BY customer, month`,
    [projectId, months[0], months[months.length - 1]],
  );
  return rows.map((row) => ({ customer: row.customer, month: row.month, revenue: usdToFemto(row.revenue) }));
}

export interface ImportLogEntry {
  id: string;
  status: "applied" | "rejected";
  filename: string | null;
  rowsRead: number;
  rowsRejected: number;
  total: string;
  importedAt: string;
}

export async function listImports(db: Database, projectId: string, limit = 20): Promise<ImportLogEntry[]> {
  const { rows } = await db.pool.query<{
    id: string;
    status: "applied" | "rejected";
    filename: string | null;
    rows_read: number;
    rows_rejected: number;
    total: string;
    imported_at: Date;
  }>(
    `SELECT id, status, filename, rows_read, rows_rejected, total::text AS total, imported_at
       FROM revenue_import_batches WHERE project_id = $1 ORDER BY imported_at DESC LIMIT $2`,
    [projectId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    filename: row.filename,
    rowsRead: row.rows_read,
    rowsRejected: row.rows_rejected,
    total: row.total,
    importedAt: new Date(row.imported_at).toISOString(),
  }));
}
