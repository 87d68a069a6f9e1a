"use client";

import { apiUrl, type ReadParams } from "@/lib/query/hooks";

/**
 * Downloads the table's endpoint with `format=csv` and exactly the parameters the table was
 * fetched with, so the file holds the rows on screen (the server writes it, from the same query).
 */
export function CsvButton({
  path,
  projectId,
  params,
  filename,
}: {
  path: string;
  projectId: string;
  params: ReadParams;
  filename: string;
}) {
  const href = apiUrl(path, projectId, { ...params, format: "csv" });
  return (
    <a className="btn btn-sm no-print" href={href} download={filename} data-testid="csv-export">
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
      Export CSV
    </a>
  );
}
