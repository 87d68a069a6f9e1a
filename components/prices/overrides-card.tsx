"use client";

import type { Override } from "@/lib/pricing/contracts";
import { useDeletePriceItem, useOverrides } from "@/lib/query/hooks/prices";
import { day, errorText, perMillion } from "./format";

export function OverridesCard({
  projectId,
  canManage,
  onEdit,
  onAdd,
}: {
  projectId: string;
  canManage: boolean;
  onEdit: (row: Override) => void;
  onAdd: () => void;
}) {
  const overrides = useOverrides(projectId);
  const remove = useDeletePriceItem(projectId, "overrides");
  const rows = overrides.data ?? [];
  return (
    <section className="card" aria-label="Price overrides">
      <div className="card-header">
        <strong>Project overrides</strong>
        <p>Negotiated discounts, private and fine-tuned models, a markup for internal chargeback.</p>
        <span className="spacer" />
        {canManage && (
          <button type="button" className="btn btn-sm btn-primary" onClick={onAdd}>
            Add override
          </button>
        )}
      </div>
      {rows.length === 0 ? (
        <div className="card-body muted">No overrides: every model is priced by the catalog.</div>
      ) : (
        <table className="data" data-testid="overrides-table">
          <thead>
            <tr>
              <th>Model</th>
              <th>Dates</th>
              <th className="num">Input $/M</th>
              <th className="num">Output $/M</th>
              <th className="num">Markup</th>
              <th>Note</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="override-row">
                <td>
                  <span style={{ fontWeight: 500 }}>{row.model}</span>{" "}
                  <span className="muted small">{row.provider}</span>
                </td>
                <td className="small">
                  {day(row.effective_from)} → {row.effective_to ? day(row.effective_to) : "open"}
                </td>
                <td className="num">{perMillion(row.usd_per_mtok.input)}</td>
                <td className="num">{perMillion(row.usd_per_mtok.output)}</td>
                <td className="num">{row.markup_pct ? `${Number(row.markup_pct)}%` : "—"}</td>
                <td className="muted small">{row.note ?? ""}</td>
                <td className="num">
                  {canManage && (
                    <div className="row" style={{ justifyContent: "flex-end" }}>
                      <button type="button" className="btn btn-sm" onClick={() => onEdit(row)}>
                        Edit
                      </button>
                      <button
                        type="button"
                        className="btn btn-sm btn-danger"
                        disabled={remove.isPending}
                        onClick={() => confirm(`Delete the override of ${row.model}?`) && remove.mutate(row.id)}
                      >
                        Delete
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {remove.error && <div className="card-body alert alert-error">{errorText(remove.error)}</div>}
    </section>
  );
}
