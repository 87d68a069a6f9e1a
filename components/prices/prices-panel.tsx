"use client";

import { useRef, useState } from "react";
import type { Override, PriceEntry, UnpricedModel } from "@/lib/pricing/contracts";
import { AliasesCard } from "./aliases-card";
import { CatalogCard } from "./catalog-card";
import { baseBand } from "./format";
import { GpuCard } from "./gpu-card";
import { OverrideForm, type OverrideDraft } from "./override-form";
import { OverridesCard } from "./overrides-card";
import { RepriceCard, type RepriceDraft } from "./reprice-card";
import { UnpricedCard } from "./unpriced-card";

interface PricesPanelProps {
  projectId: string;
  canManage: boolean;
  canReprice: boolean;
  today: string;
  monthAgo: string;
  /** The period of the GPU card's pool costs: the dashboards' last 30 complete days. */
  gpuPeriod: { from: string; to: string };
}

/**
 * Settings -> Prices. The "add price" flow: an unpriced model (or a catalog entry, for a
 * discount) opens the override form prefilled; saving it moves to the re-price card with the
 * model and its days filled in, where a preview shows the change before it runs.
 */
export function PricesPanel({ projectId, canManage, canReprice, today, monthAgo, gpuPeriod }: PricesPanelProps) {
  const [draft, setDraft] = useState<OverrideDraft | null>(null);
  const [reprice, setReprice] = useState<RepriceDraft & { key: number }>({
    from: monthAgo,
    to: today,
    model: "",
    key: 0,
  });
  const formRef = useRef<HTMLDivElement>(null);
  const repriceRef = useRef<HTMLDivElement>(null);
  const scrollTo = (ref: React.RefObject<HTMLDivElement | null>) =>
    setTimeout(() => ref.current?.scrollIntoView({ behavior: "smooth", block: "start" }), 50);

  function open(next: OverrideDraft) {
    setDraft(next);
    scrollTo(formRef);
  }
  const fromUnpriced = (model: UnpricedModel) =>
    open({ provider: model.provider, model: model.model, effective_from: model.first_day, prices: {}, note: "" });
  const fromEntry = (entry: PriceEntry) =>
    open({
      provider: entry.provider,
      model: entry.model,
      effective_from: today,
      prices: { ...baseBand(entry) },
      markup_pct: "",
      note: entry.scope === "catalog" ? `from ${entry.id}` : "",
    });
  const fromOverride = (row: Override) =>
    open({
      id: row.id,
      provider: row.provider,
      model: row.model,
      effective_from: row.effective_from.slice(0, 10),
      ...(row.effective_to ? { effective_to: row.effective_to.slice(0, 10) } : {}),
      prices: row.usd_per_mtok,
      markup_pct: row.markup_pct ? String(Number(row.markup_pct)) : "",
      note: row.note ?? "",
    });
  function repriceFor(scope: RepriceDraft) {
    setReprice((previous) => ({ ...scope, key: previous.key + 1 }));
    scrollTo(repriceRef);
  }

  return (
    <div className="stack">
      <UnpricedCard
        projectId={projectId}
        canManage={canManage}
        onAddPrice={fromUnpriced}
        onReprice={(model) => repriceFor({ from: model.first_day, to: today, model: model.model })}
      />
      <div ref={formRef} style={{ scrollMarginTop: 16 }}>
        {draft && (
          <OverrideForm
            key={`${draft.id ?? "new"}:${draft.provider}:${draft.model}`}
            projectId={projectId}
            draft={draft}
            onCancel={() => setDraft(null)}
            onDone={(saved) => {
              setDraft(null);
              repriceFor({
                from: saved.effective_from.slice(0, 10) < monthAgo ? monthAgo : saved.effective_from.slice(0, 10),
                to: today,
                model: saved.model,
              });
            }}
          />
        )}
      </div>
      <CatalogCard projectId={projectId} canManage={canManage} onOverride={fromEntry} />
      <OverridesCard
        projectId={projectId}
        canManage={canManage}
        onEdit={fromOverride}
        onAdd={() => open({ provider: "", model: "", effective_from: today, prices: {} })}
      />
      <div ref={repriceRef} style={{ scrollMarginTop: 16 }}>
        <RepriceCard projectId={projectId} canReprice={canReprice} draft={reprice} />
      </div>
      <AliasesCard projectId={projectId} canManage={canManage} />
      <GpuCard projectId={projectId} canManage={canManage} period={gpuPeriod} />
    </div>
  );
}
