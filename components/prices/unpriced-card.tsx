"use client";

import type { UnpricedModel } from "@/lib/pricing/contracts";
import { useUnpricedModels } from "@/lib/query/hooks/prices";
import { DataTable } from "@/components/data-table";

/** Models whose events have no price yet, each with one-click "Add price" (or "Re-price" once a price exists). */
export function UnpricedCard({
  projectId,
  canManage,
  onAddPrice,
  onReprice,
}: {
  projectId: string;
  canManage: boolean;
  onAddPrice: (model: UnpricedModel) => void;
  onReprice: (model: UnpricedModel) => void;
}) {
  const unpriced = useUnpricedModels(projectId);
  const models = unpriced.data ?? [];
  if (unpriced.isLoading) return null;
  return (
    <section className="card" aria-label="Unpriced models" data-testid="unpriced-card">
      <div className="card-header">
        <strong>Unpriced models</strong>
        <p>
          {models.length
            ? "Events of these models are stored without a cost until they get a price; they are never counted as $0."
            : "Every event has a price."}
        </p>
      </div>
      {models.length > 0 && (
        <DataTable
          scroll
          columns={["Model", "Provider", { label: "Unpriced events", num: true }, "Seen", "Did you mean", {}]}
        >
          {models.map((model) => (
            <tr key={`${model.provider}:${model.model}`} data-testid="unpriced-row">
              <td style={{ fontWeight: 500 }}>{model.model}</td>
              <td className="muted">{model.provider}</td>
              <td className="num">
                <span className="badge badge-bad">{model.unpriced_events.toLocaleString("en-US")}</span>
              </td>
              <td className="muted small">
                {model.first_day === model.last_day ? model.first_day : `${model.first_day} – ${model.last_day}`}
              </td>
              <td className="muted small">{model.suggestions.slice(0, 2).join(", ") || "—"}</td>
              <td className="num">
                {canManage &&
                  (model.priced_now ? (
                    <button type="button" className="btn btn-sm btn-primary" onClick={() => onReprice(model)}>
                      Re-price
                    </button>
                  ) : (
                    <button type="button" className="btn btn-sm btn-primary" onClick={() => onAddPrice(model)}>
                      Add price
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
