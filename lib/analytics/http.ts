/**
 * The JSON-or-CSV answer of the read-API route handlers. Query parsing (repeated parameters,
 * errors that name the parameter) is lib/api/query.ts, which defineRoute applies.
 */
import { csvResponse, toCsv } from "./csv";
import type { CsvTable } from "./csv-tables";

export function respond<T>(
  format: "json" | "csv",
  body: T,
  csv: (body: T) => CsvTable,
  filename: string,
): T | Response {
  if (format === "json") return body;
  const table = csv(body);
  return csvResponse(`${filename}.csv`, toCsv(table.header, table.rows));
}
