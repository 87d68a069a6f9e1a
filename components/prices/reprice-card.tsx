"use client";

import { useState, type FormEvent } from "react";
import { TextField } from "@/components/form-field";
import { useRepricePreview, useRepriceRuns, useRunReprice } from "@/lib/query/hooks/prices";
import { formatMoney } from "@/lib/format/money";
import { errorText } from "./format";
import { DataTable } from "@/components/data-table";

export interface RepriceDraft {
  from: string;
  to: string;
  model: string;
}

/** Preview what a re-price would change, then run it (audited, idempotent); recent runs below. */
export function RepriceCard({
  projectId,
  canReprice,
  draft,
}: {
  projectId: string;
  canReprice: boolean;
  draft: RepriceDraft & { key: number };
}) {
  const preview = useRepricePreview(projectId);
  const run = useRunReprice(projectId);
  const runs = useRepriceRuns(projectId);
  const [scope, setScope] = useState<RepriceDraft | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = {
      from: String(form.get("from")),
      to: String(form.get("to")),
      model: String(form.get("model") ?? "").trim(),
    };
    setScope(next);
    run.reset();
    preview.mutate({ from: next.from, to: next.to, ...(next.model ? { model: next.model } : {}) });
  }

  const shown = run.data?.run ?? preview.data;
  return (
    <section className="card" aria-label="Re-price" id="reprice" data-testid="reprice-card">
      <div className="card-header">
        <strong>Re-price events</strong>
        <p>
          After a price was added or corrected: events of the period are priced again as of their own time, and every
          total follows.
        </p>
      </div>
      <form className="card-body stack" onSubmit={submit} key={draft.key}>
        <div className="row" style={{ alignItems: "flex-end", gap: 16 }}>
          <TextField id="reprice-from" label="From" name="from" type="date" defaultValue={draft.from} required />
          <TextField id="reprice-to" label="To" name="to" type="date" defaultValue={draft.to} required />
          <TextField
            id="reprice-model"
            label="Model (optional)"
            fieldStyle={{ flex: "1 1 220px" }}
            name="model"
            defaultValue={draft.model}
            placeholder="all models"
          />
          <button type="submit" className="btn" disabled={!canReprice || preview.isPending}>
            {preview.isPending ? "Previewing…" : "Preview"}
          </button>
        </div>
        {!canReprice && <div className="hint">Engineers, admins and owners can re-price.</div>}
        {(preview.error || run.error) && (
          <div className="alert alert-error">{errorText(preview.error ?? run.error)}</div>
        )}
      </form>
      {shown && scope && (
        <div
          className="card-body stack-sm"
          style={{ borderTop: "1px solid var(--border)" }}
          data-testid="reprice-preview"
        >
          <div className={run.data ? "alert alert-good" : "alert alert-info"} role="status">
            {run.data ? "Re-priced: " : "Preview: "}
            {shown.events_changed.toLocaleString("en-US")} of {shown.events_matched.toLocaleString("en-US")} events{" "}
            {run.data ? "changed" : "would change"}; total {formatMoney(shown.total_before, { significant: 4 })} →{" "}
            {formatMoney(shown.total_after, { significant: 4 })}
            {shown.unpriced_before !== shown.unpriced_after &&
              `; unpriced events ${shown.unpriced_before} → ${shown.unpriced_after}`}
            .
          </div>
          <DataTable
            columns={[
              "Model",
              { label: "Events changed", num: true },
              { label: "Before", num: true },
              { label: "After", num: true },
              { label: "Difference", num: true },
            ]}
          >
            {shown.by_model.map((row) => (
              <tr key={`${row.provider}:${row.model}`}>
                <td>
                  {row.model} <span className="muted small">{row.provider}</span>
                </td>
                <td className="num">
                  {row.changed} / {row.events}
                </td>
                <td className="num">{formatMoney(row.total_before, { significant: 4 })}</td>
                <td className="num">{formatMoney(row.total_after, { significant: 4 })}</td>
                <td className="num">{formatMoney(row.difference, { significant: 4 })}</td>
              </tr>
            ))}
          </DataTable>
          {!run.data && shown.events_changed > 0 && (
            <div className="row">
              <button
                type="button"
                className="btn btn-primary"
                disabled={run.isPending}
                onClick={() =>
                  run.mutate({
                    from: scope.from,
                    to: scope.to,
                    ...(scope.model ? { model: scope.model } : {}),
                  })
                }
              >
                {run.isPending ? "Re-pricing…" : `Re-price ${shown.events_changed.toLocaleString("en-US")} events`}
              </button>
            </div>
          )}
        </div>
      )}
      {(runs.data?.length ?? 0) > 0 && (
        <DataTable
          aria-label="Recent re-pricing runs"
          columns={[
            "Run",
            "Period",
            "By",
            { label: "Changed", num: true },
            { label: "Total before → after", num: true },
          ]}
        >
          {runs.data!.slice(0, 5).map((item) => (
            <tr key={item.id}>
              <td className="small">
                {item.started_at.slice(0, 16).replace("T", " ")}{" "}
                <span className={item.status === "succeeded" ? "badge badge-good" : "badge badge-bad"}>
                  {item.status}
                </span>
              </td>
              <td className="small">
                {item.period_from} – {item.period_to}
                {item.model ? ` · ${item.model}` : ""}
              </td>
              <td className="muted small">{item.requested_by ?? item.requested_via}</td>
              <td className="num">{item.events_changed}</td>
              <td className="num">
                {formatMoney(item.total_before, { significant: 4 })} →{" "}
                {formatMoney(item.total_after, { significant: 4 })}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
