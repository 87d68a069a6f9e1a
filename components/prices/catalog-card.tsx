"use client";

import { useDeferredValue, useEffect, useRef, useState } from "react";
import type { PriceEntry } from "@/lib/pricing/contracts";
import { usePriceCatalog, usePriceHistory } from "@/lib/query/hooks/prices";
import { formatDay } from "@/lib/format";
import { baseBand, day, entryBadges, errorText, perMillion } from "./format";

/** Search the price book (project overrides first), see an entry's history, start an override from it. */
export function CatalogCard({
  projectId,
  canManage,
  onOverride,
}: {
  projectId: string;
  canManage: boolean;
  onOverride: (entry: PriceEntry) => void;
}) {
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const deferred = useDeferredValue(search);
  const catalog = usePriceCatalog(projectId, { search: deferred, provider: "", page });
  const [selected, setSelected] = useState<{ provider: string; model: string } | null>(null);
  const data = catalog.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.limit)) : 1;
  return (
    <section className="card" aria-label="Price catalog">
      <div className="card-header">
        <strong>Catalog</strong>
        <p>
          {data ? (
            <>
              {data.total.toLocaleString("en-US")} models ·{" "}
              <span title={`price book version ${data.version}`}>
                price book of {formatDay(data.version.slice(0, 10), true)}
              </span>
            </>
          ) : (
            "Every priced model, with the project's overrides first"
          )}
        </p>
      </div>
      <div className="card-body stack-sm">
        <input
          className="input"
          type="search"
          placeholder="Search models, e.g. claude sonnet, gpt-4o, bedrock llama"
          aria-label="Search the catalog"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
        {catalog.error && <div className="alert alert-error">{errorText(catalog.error)}</div>}
      </div>
      <div className="table-scroll">
        <table className="data" data-testid="catalog-table">
          <thead>
            <tr>
              <th>Model</th>
              <th>Provider</th>
              <th className="num">Input $/M</th>
              <th className="num">Cache read</th>
              <th className="num">Output $/M</th>
              <th>Also</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data?.items.map((entry) => {
              const base = baseBand(entry);
              return (
                <tr key={entry.id} data-testid="catalog-row">
                  <td>
                    <span style={{ fontWeight: 500 }}>{entry.model}</span>{" "}
                    {entry.scope === "project" && (
                      <span className="badge badge-accent">
                        override{entry.markup_pct ? ` ${entry.markup_pct}%` : ""}
                      </span>
                    )}
                  </td>
                  <td className="muted">{entry.provider}</td>
                  <td className="num">{perMillion(base.input)}</td>
                  <td className="num">{perMillion(base.cache_read)}</td>
                  <td className="num">{perMillion(base.output)}</td>
                  <td>
                    <div className="row">
                      {entryBadges(entry).map((badge) => (
                        <span key={badge} className="badge">
                          {badge}
                        </span>
                      ))}
                    </div>
                  </td>
                  <td className="num">
                    <div className="row" style={{ justifyContent: "flex-end" }}>
                      <button
                        type="button"
                        className="btn btn-sm"
                        onClick={() => setSelected({ provider: entry.provider, model: entry.model })}
                      >
                        History
                      </button>
                      {canManage && (
                        <button type="button" className="btn btn-sm" onClick={() => onOverride(entry)}>
                          Override
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
            {data && data.items.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  No model matches “{deferred}”. A private or fine-tuned model needs an override.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="card-body row" style={{ paddingTop: 12, paddingBottom: 12 }}>
        <span className="muted small">
          Page {data?.page ?? 1} of {pages}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Previous
        </button>
        <button type="button" className="btn btn-sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          Next
        </button>
      </div>
      {selected && <HistoryPanel projectId={projectId} entry={selected} onClose={() => setSelected(null)} />}
    </section>
  );
}

function HistoryPanel({
  projectId,
  entry,
  onClose,
}: {
  projectId: string;
  entry: { provider: string; model: string };
  onClose: () => void;
}) {
  const history = usePriceHistory(projectId, entry);
  const panel = useRef<HTMLDivElement>(null);
  // The panel opens under the catalog's last row, below the fold: bring it to the person who asked.
  useEffect(() => panel.current?.scrollIntoView({ block: "start" }), [entry.provider, entry.model]);
  return (
    <div
      ref={panel}
      className="card-body stack-sm"
      style={{ borderTop: "1px solid var(--border)", scrollMarginTop: 72 }}
      data-testid="entry-history"
    >
      <div className="row">
        <strong>
          History of {entry.provider}:{entry.model}
        </strong>
        <span className="spacer" />
        <button type="button" className="btn btn-sm" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th>From</th>
              <th>Until</th>
              <th>Source</th>
              <th className="num">Input $/M</th>
              <th className="num">Output $/M</th>
              <th>Bands and tiers</th>
            </tr>
          </thead>
          <tbody>
            {history.data?.entries.map((item) => (
              <tr key={item.id}>
                <td>{day(item.effective_from)}</td>
                <td>{day(item.effective_to)}</td>
                <td>
                  {item.scope === "project" ? (
                    <span className="badge badge-accent">override{item.markup_pct ? ` ${item.markup_pct}%` : ""}</span>
                  ) : (
                    <span className="badge">catalog</span>
                  )}
                </td>
                <td className="num">{perMillion(baseBand(item).input)}</td>
                <td className="num">{perMillion(baseBand(item).output)}</td>
                <td className="muted small">{entryBadges(item).join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
