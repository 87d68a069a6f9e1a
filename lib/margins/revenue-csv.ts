/**
 * Import of actual revenue per customer and month: `customer,month,revenue_usd[,currency]`.
 * All or nothing: either every row is valid and all are returned, or every problem is reported
 * (line, field, reason) and nothing is returned. Amounts may be negative (credit notes).
 */
import { usdToFemto } from "@/lib/money";
import { isMonth } from "@/lib/calendar/months";
import { readCsv, type CsvRecord } from "./csv";
import type { ImportedRevenue } from "./types";

export interface CsvRowError {
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
  /** A column name, or "header" / "row" for problems of the whole line. */
  field: string;
  reason: string;
}

/** A valid row, with the line it was read from (for errors found later, like an unknown customer). */
export type RevenueCsvRow = ImportedRevenue & { line: number };

export type RevenueCsvResult =
  { ok: true; rows: RevenueCsvRow[] } | { ok: false; errors: CsvRowError[]; rowsRead: number; rowsRejected: number };

const REQUIRED = ["customer", "month", "revenue_usd"] as const;
const OPTIONAL = ["currency"] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
const DECIMAL = /^-?\d+(\.(\d+))?$/;
const MAX_PLACES = 15;
const MAX_CUSTOMER_LENGTH = 256;
const DEFAULT_MAX_ROWS = 100_000;

export function parseRevenueCsv(text: string, options: { maxRows?: number } = {}): RevenueCsvResult {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const [header, ...records] = readCsv(text);
  if (!header)
    return rejected(
      [{ line: 1, field: "header", reason: `the file is empty; expected the header ${REQUIRED.join(",")}` }],
      0,
    );
  const columns = readHeader(header);
  if (!columns.ok) return rejected(columns.errors, records.length);
  if (records.length === 0)
    return rejected([{ line: header.line, field: "header", reason: "the file has a header but no rows" }], 0);
  if (records.length > maxRows) {
    return rejected(
      [{ line: records[maxRows]!.line, field: "row", reason: `too many rows: at most ${maxRows} per import` }],
      records.length,
    );
  }
  const errors: CsvRowError[] = [];
  const rows: RevenueCsvRow[] = [];
  const firstLine = new Map<string, number>();
  let badRows = 0;
  for (const record of records) {
    const rowErrors = validateRecord(record, columns.index, firstLine);
    if (rowErrors.errors.length) {
      errors.push(...rowErrors.errors);
      badRows++;
    } else if (rowErrors.row) rows.push(rowErrors.row);
  }
  return errors.length ? rejected(errors, records.length, badRows) : { ok: true, rows };
}

function validateRecord(
  record: CsvRecord,
  index: Map<Column, number>,
  firstLine: Map<string, number>,
): { errors: CsvRowError[]; row?: RevenueCsvRow } {
  const line = record.line;
  if (record.error) return { errors: [{ line, field: "row", reason: record.error }] };
  if (record.fields.length !== index.size) {
    return { errors: [{ line, field: "row", reason: `expected ${index.size} fields, found ${record.fields.length}` }] };
  }
  const value = (column: Column) => {
    const at = index.get(column);
    return at === undefined ? "" : record.fields[at]!.trim();
  };
  const errors: CsvRowError[] = [];
  const customer = value("customer");
  if (customer === "") errors.push({ line, field: "customer", reason: "is empty" });
  else if (customer.length > MAX_CUSTOMER_LENGTH)
    errors.push({ line, field: "customer", reason: `is longer than ${MAX_CUSTOMER_LENGTH} characters` });
  const month = value("month");
  if (!isMonth(month))
    errors.push({ line, field: "month", reason: `${describe(month)} is not a month written YYYY-MM, like 2026-03` });
  const amount = value("revenue_usd");
  const decimal = DECIMAL.exec(amount);
  if (!decimal) {
    errors.push({
      line,
      field: "revenue_usd",
      reason: `${describe(amount)} is not a plain decimal amount of dollars (no currency sign, thousands separator or exponent), like 1234.50`,
    });
  } else if ((decimal[2]?.length ?? 0) > MAX_PLACES) {
    errors.push({
      line,
      field: "revenue_usd",
      reason: `has ${decimal[2]!.length} decimal places; at most ${MAX_PLACES} are allowed`,
    });
  }
  const currency = value("currency");
  if (currency !== "" && currency.toUpperCase() !== "USD")
    errors.push({ line, field: "currency", reason: `${describe(currency)} is not supported; amounts must be in USD` });
  if (errors.length) return { errors };
  const key = `${customer}\u0000${month}`;
  const first = firstLine.get(key);
  if (first !== undefined)
    return { errors: [{ line, field: "row", reason: `duplicates line ${first} (same customer and month)` }] };
  firstLine.set(key, line);
  return { errors: [], row: { customer, month, revenue: usdToFemto(amount), line } };
}

/**
 * Rows for customers that never sent an event (a typo would otherwise become revenue), one error
 * per line, except those the user confirmed by name.
 */
export function unknownCustomerErrors(
  rows: readonly RevenueCsvRow[],
  known: ReadonlySet<string>,
  confirmed: ReadonlySet<string>,
): CsvRowError[] {
  return rows
    .filter((row) => !known.has(row.customer) && !confirmed.has(row.customer))
    .map((row) => ({
      line: row.line,
      field: "customer",
      reason: `${describe(row.customer)} never sent an event to this project; fix the name, or confirm it as a new customer (confirm_unknown_customers)`,
    }));
}

function readHeader(
  header: CsvRecord,
): { ok: true; index: Map<Column, number> } | { ok: false; errors: CsvRowError[] } {
  const at = (reason: string): CsvRowError => ({ line: header.line, field: "header", reason });
  if (header.error) return { ok: false, errors: [at(header.error)] };
  const errors: CsvRowError[] = [];
  const index = new Map<Column, number>();
  const known: readonly string[] = [...REQUIRED, ...OPTIONAL];
  header.fields.forEach((raw, position) => {
    const name = raw.trim().toLowerCase();
    if (!known.includes(name))
      errors.push(
        at(`unknown column ${describe(raw)}; expected ${REQUIRED.join(",")} and optionally ${OPTIONAL.join(",")}`),
      );
    else if (index.has(name as Column)) errors.push(at(`column "${name}" appears twice`));
    else index.set(name as Column, position);
  });
  for (const column of REQUIRED) if (!index.has(column)) errors.push(at(`missing column "${column}"`));
  return errors.length ? { ok: false, errors } : { ok: true, index };
}

function rejected(errors: CsvRowError[], rowsRead: number, rowsRejected = rowsRead): RevenueCsvResult {
  return { ok: false, errors, rowsRead, rowsRejected };
}

function describe(value: string): string {
  return value === "" ? "an empty value" : JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
