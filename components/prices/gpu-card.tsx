"use client";

import {
  useCreateGpuPool,
  useCreateGpuRate,
  useDeletePriceItem,
  useGpuIdle,
  useGpuPools,
  useGpuRates,
} from "@/lib/query/hooks/prices";
import { formatMoney } from "@/lib/format/money";
import { day, errorText } from "./format";
import type { ReactNode } from "react";
import { SimpleForm } from "./simple-form";

/** Self-hosted GPU cost: $ per GPU-hour by type (effective-dated), pools of reserved GPUs, and the last 30 days' idle share. */
export function GpuCard({
  projectId,
  canManage,
  period,
}: {
  projectId: string;
  canManage: boolean;
  period: { from: string; to: string };
}) {
  const rates = useGpuRates(projectId);
  const pools = useGpuPools(projectId);
  const idle = useGpuIdle(projectId, period);
  const addRate = useCreateGpuRate(projectId);
  const addPool = useCreateGpuPool(projectId);
  const removeRate = useDeletePriceItem(projectId, "gpu-rates");
  const removePool = useDeletePriceItem(projectId, "gpu-pools");
  const summary = idle.data;
  return (
    <section className="card" aria-label="GPU rates and pools">
      <div className="card-header">
        <strong>GPU rates and pools</strong>
        <p>
          {summary && summary.whole_usd !== "0"
            ? `Last 30 days: pools cost ${formatMoney(summary.whole_usd, { significant: 4 })}, of which idle ${formatMoney(summary.idle_usd, { significant: 4 })} (${(Number(summary.idle_share ?? 0) * 100).toFixed(1)}%).`
            : "Self-hosted models: a GPU costs its rate while held, busy or idle."}
        </p>
      </div>
      <div
        className="card-body"
        style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(320px, 1fr))", gap: 20 }}
      >
        <DeletableList
          label="Rates ($ per GPU-hour)"
          empty="No rates: GPU events stay unpriced."
          items={rates.data ?? []}
          onDelete={canManage ? (id) => removeRate.mutate(id) : null}
          cells={(rate) => (
            <>
              <td style={{ fontWeight: 500 }}>{rate.gpu_type}</td>
              <td className="small">from {day(rate.effective_from)}</td>
              <td className="num">${rate.usd_per_gpu_hour}/h</td>
            </>
          )}
        />
        <DeletableList
          label="Pools (reserved capacity)"
          empty="No pools: only busy GPU time is costed."
          items={pools.data ?? []}
          onDelete={canManage ? (id) => removePool.mutate(id) : null}
          cells={(pool) => (
            <>
              <td style={{ fontWeight: 500 }}>{pool.name}</td>
              <td>
                {pool.gpu_count} × {pool.gpu_type}
              </td>
              <td className="small">
                {day(pool.effective_from)} → {pool.effective_to ? day(pool.effective_to) : "open"}
              </td>
            </>
          )}
        />
      </div>
      {canManage && (
        <>
          <SimpleForm
            label="gpu-rate"
            submitLabel="Add rate"
            pending={addRate.isPending}
            error={errorText(addRate.error ?? removeRate.error)}
            fields={[
              { name: "gpu_type", label: "GPU type", placeholder: "H100", required: true },
              { name: "usd_per_gpu_hour", label: "$ per GPU-hour", placeholder: "3.50", required: true },
              { name: "effective_from", label: "Effective from", type: "date", required: true },
            ]}
            onSubmit={(values, form) => addRate.mutate(values, { onSuccess: () => form.reset() })}
          />
          <SimpleForm
            label="gpu-pool"
            submitLabel="Add pool"
            pending={addPool.isPending}
            error={errorText(addPool.error ?? removePool.error)}
            fields={[
              { name: "name", label: "Pool", placeholder: "eu-1", required: true },
              { name: "gpu_type", label: "GPU type", placeholder: "H100", required: true },
              { name: "gpu_count", label: "GPUs", type: "number", placeholder: "8", required: true, width: 80 },
              { name: "effective_from", label: "Held from", type: "date", required: true },
            ]}
            onSubmit={(values, form) =>
              addPool.mutate({ ...values, gpu_count: Number(values.gpu_count) }, { onSuccess: () => form.reset() })
            }
          />
        </>
      )}
    </section>
  );
}

/** A labelled list of rows, each with a Delete button for those who may manage it (onDelete null: none). */
function DeletableList<Item extends { id: string }>({
  label,
  empty,
  items,
  cells,
  onDelete,
}: {
  label: string;
  empty: string;
  items: readonly Item[];
  cells: (item: Item) => ReactNode;
  onDelete: ((id: string) => void) | null;
}) {
  return (
    <div className="stack-sm">
      <span className="label">{label}</span>
      {items.length === 0 ? (
        <span className="muted small">{empty}</span>
      ) : (
        <table className="data">
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                {cells(item)}
                <td className="num">
                  {onDelete && (
                    <button type="button" className="btn btn-sm btn-danger" onClick={() => onDelete(item.id)}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
