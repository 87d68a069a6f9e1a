"use client";

import type { CsvTable } from "@/lib/analytics/csv-tables";
import { toCsv } from "@/lib/analytics/csv";
import { apiUrl, type ReadParams } from "@/lib/query/hooks";

/** Where the file comes from: the table's endpoint, or the table on screen. */
type CsvSource =
  /**
   * The endpoint with `format=csv` and exactly the parameters the table was fetched with, so the
   * file holds the rows on screen (the server writes it, from the same query).
   */
  | { path: string; projectId: string; params: ReadParams }
  /** Rows the browser already holds, in the screen's order (null: not loaded yet, the button waits). */
  | { table: (() => CsvTable) | null };

export function CsvButton({ filename, ...source }: { filename: string } & CsvSource) {
  if ("table" in source) {
    return (
      <button
        type="button"
        className="btn btn-sm no-print"
        disabled={source.table === null}
        onClick={() => source.table && saveCsv(filename, source.table())}
        data-testid="csv-export"
      >
        <DownloadIcon />
        Export CSV
      </button>
    );
  }
  const href = apiUrl(source.path, source.projectId, { ...source.params, format: "csv" });
  return (
    <a className="btn btn-sm no-print" href={href} download={filename} data-testid="csv-export">
      <DownloadIcon />
      Export CSV
    </a>
  );
}

function saveCsv(filename: string, table: CsvTable): void {
  const url = URL.createObjectURL(new Blob([toCsv(table.header, table.rows)], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  // Released once the download has surely read it (revoking at once can cancel it).
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function DownloadIcon() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M12 3v12M7 10l5 5 5-5M5 21h14" />
    </svg>
  );
}
