"use client";

import { useState } from "react";
import { formatDateTime, formatMoney } from "@/lib/format";
import { importRejectionOf } from "@/lib/margins/wire";
import { useImportRevenue, useRevenueImportsQuery } from "@/lib/query/hooks/margins";
import { ClosedMonths } from "./closed-months";
import { DataTable } from "@/components/data-table";

const EXAMPLE = "customer,month,revenue_usd\nacme,2026-10,1250.00\nglobex,2026-10,310.50\n";

/** Upload of actual revenue from billing; a bad file is rejected whole, with every bad row listed. */
export function RevenueImport({ projectId, timezone }: { projectId: string; timezone: string }) {
  const [text, setText] = useState("");
  const [filename, setFilename] = useState("pasted.csv");
  const upload = useImportRevenue(projectId);
  const log = useRevenueImportsQuery(projectId);
  const rejection = upload.error?.status === 422 ? importRejectionOf(upload.error.body) : null;
  return (
    <div className="stack">
      <section className="card" aria-label="Import revenue" data-testid="revenue-import">
        <div className="card-header">
          <div>
            <h2>Import actual revenue</h2>
            <p>
              One row per customer and month from your billing system. Imported revenue replaces the computed one for
              that month; a month imported again is replaced. A file with any bad row is rejected whole.
            </p>
          </div>
        </div>
        <div className="card-body stack-sm">
          <label className="field">
            <span className="label">CSV file</span>
            <input
              type="file"
              accept=".csv,text/csv"
              data-testid="revenue-file"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) {
                  setText(await file.text());
                  setFilename(file.name);
                }
              }}
            />
          </label>
          <label className="field">
            <span className="label">or paste it</span>
            <textarea
              className="input"
              style={{ minHeight: 120, fontFamily: "var(--mono)", fontSize: 12.5, padding: 8, height: "auto" }}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={EXAMPLE}
              data-testid="revenue-text"
            />
          </label>
          <p className="hint">
            Columns: <code>customer,month,revenue_usd</code> and optionally <code>currency</code> (USD only). Months as
            YYYY-MM; plain decimal amounts, negative for credit notes.
          </p>
          <div>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!text.trim() || upload.isPending}
              onClick={() => upload.mutate({ text, filename })}
              data-testid="import-revenue"
            >
              {upload.isPending ? "Importing…" : "Import"}
            </button>
          </div>
          {upload.data && (
            <div className="alert alert-good" role="status">
              Imported {upload.data.rows} rows for {upload.data.customers} customers ({upload.data.months.join(", ")}),{" "}
              {formatMoney(upload.data.total)} in total.
            </div>
          )}
          {upload.error && !rejection && (
            <div className="alert alert-error" role="alert">
              {upload.error.message}
            </div>
          )}
          {rejection && (
            <div className="alert alert-error" role="alert" data-testid="rejected-rows">
              <strong>Nothing was imported:</strong> {rejection.rows_rejected} of {rejection.rows_read} rows are not
              valid.
              <DataTable style={{ marginTop: 8, background: "var(--panel)" }} columns={["Line", "Field", "Problem"]}>
                {rejection.rejected.slice(0, 200).map((row, i) => (
                  <tr key={i}>
                    <td className="num">{row.line}</td>
                    <td>
                      <code>{row.field}</code>
                    </td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </DataTable>
              {rejection.rejected.length > 200 && <p>and {rejection.rejected.length - 200} more problems.</p>}
              {rejection.unknown_customers.length > 0 && (
                <div className="stack-sm" style={{ marginTop: 8 }} data-testid="unknown-customers">
                  <p>
                    {rejection.unknown_customers.length === 1
                      ? "This customer has"
                      : `These ${rejection.unknown_customers.length} customers have`}{" "}
                    never sent an event:{" "}
                    {rejection.unknown_customers.slice(0, 20).map((name) => (
                      <code key={name}>{name} </code>
                    ))}
                    {rejection.unknown_customers.length > 20 && `and ${rejection.unknown_customers.length - 20} more`}.
                    A typo here would become revenue: fix the file, or confirm that they are real customers.
                  </p>
                  <div>
                    <button
                      type="button"
                      className="btn"
                      disabled={upload.isPending}
                      onClick={() =>
                        upload.mutate({ text, filename, confirmUnknownCustomers: rejection.unknown_customers })
                      }
                      data-testid="confirm-unknown-customers"
                    >
                      Confirm{" "}
                      {rejection.unknown_customers.length === 1
                        ? "this customer"
                        : `these ${rejection.unknown_customers.length} customers`}{" "}
                      and import
                    </button>
                  </div>
                </div>
              )}
            </div>
          )}
        </div>
      </section>
      <ClosedMonths projectId={projectId} timezone={timezone} canClose />
      <section className="card" aria-label="Import log">
        <div className="card-header">
          <h2>Import log</h2>
        </div>
        {(log.data?.imports ?? []).length === 0 ? (
          <p className="muted" style={{ padding: "16px 20px" }}>
            No imports yet.
          </p>
        ) : (
          <DataTable columns={["When", "File", "Result", { label: "Rows", num: true }, { label: "Total", num: true }]}>
            {log.data!.imports.map((row) => (
              <tr key={row.id}>
                <td>{formatDateTime(row.imported_at, timezone)}</td>
                <td>{row.filename ?? "—"}</td>
                <td>
                  <span className={`badge ${row.status === "applied" ? "badge-good" : "badge-bad"}`}>{row.status}</span>
                </td>
                <td className="num">
                  {row.status === "applied" ? row.rows_read : `${row.rows_rejected} of ${row.rows_read} bad`}
                </td>
                <td className="num">{row.status === "applied" ? formatMoney(row.total) : "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
