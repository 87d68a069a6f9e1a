/**
 * CSV per RFC 4180: a header row, CRLF line ends, a field quoted when it holds a comma, quote,
 * CR or LF, quotes doubled inside. Text that a spreadsheet would run as a formula (starting
 * with = + - @ or a tab/CR, and not a number) gets a leading apostrophe (OWASP's advice).
 */
export type CsvCell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?(e-?\d+)?$/i;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

function csvHeaders(filename: string): HeadersInit {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${safe}"`,
    "cache-control": "no-store",
  };
}

/** A download: `text/csv` with a filename made only of safe characters. */
export function csvResponse(filename: string, csv: string): Response {
  return new Response(csv, { headers: csvHeaders(filename) });
}

/**
 * A download written while it is read: the header, then each page of rows as the client pulls
 * (backpressure: the next page is fetched only when the previous one was taken), so memory holds
 * one page whatever the size of the export. A client that hangs up stops the pages.
 */
export function csvStreamResponse<T>(
  filename: string,
  header: readonly string[],
  pages: AsyncGenerator<T[]>,
  row: (item: T) => readonly CsvCell[],
): Response {
  const encoder = new TextEncoder();
  const line = (cells: readonly CsvCell[]) => `${cells.map(csvCell).join(",")}\r\n`;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(line(header)));
    },
    async pull(controller) {
      const next = await pages.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map((item) => line(row(item))).join("")));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  return new Response(stream, { headers: csvHeaders(filename) });
}
