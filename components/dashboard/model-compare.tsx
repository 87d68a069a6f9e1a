"use client";

/**
 * "What would this have cost on model X?": re-prices the real token history on a model from
 * the price book (GET /api/v1/compare) and shows actual and counterfactual side by side with
 * the saving. A what-if only: the ledger is never changed.
 */
import { useMemo, useState } from "react";
import { CompareChart } from "@/components/charts/lazy";
import type { CompareResponse } from "@/lib/analytics/contracts";
import { prepareCompare } from "@/lib/charts";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import { useCompareQuery, type ReadParams } from "@/lib/query/hooks";
import { CsvButton } from "./csv-button";
import styles from "./dashboard.module.css";
import { matchModelOptions } from "./model-match";
import type { ModelOption } from "./model-options";
import { ErrorState, Skeleton } from "@/components/states";
import { useUrlState } from "@/components/url-state";

export interface CompareTarget {
  /** "feature" | "customer" re-prices one key; "all" re-prices everything the filters select. */
  dimension: "feature" | "customer" | "all";
  key?: string;
  /** Extra filters (a model page compares its own model's usage). */
  filters?: ReadParams;
  /** Shown in the title: "support-bot", "acme", "gpt-4o". */
  label: string;
  /** The model used now, left out of the picker when it is the only one. */
  currentModel?: string;
}

export function ModelCompare({
  projectId,
  range,
  target,
  options,
}: {
  projectId: string;
  range: ReadParams;
  target: CompareTarget;
  options: ModelOption[];
}) {
  // The compared model lives in the URL (`compare`, `compare_provider`): a shared link shows it.
  const url = useUrlState();
  const compared = url.get("compare");
  const chosen = compared ? { model: compared, provider: url.get("compare_provider") } : null;
  const setChosen = (choice: { provider?: string; model: string }) =>
    url.set({ compare: choice.model, compare_provider: choice.provider ?? null });
  const params: ReadParams = {
    ...range,
    ...target.filters,
    dimension: target.dimension,
    key: target.dimension === "all" ? undefined : target.key,
    target_model: chosen?.model,
    target_provider: chosen?.provider,
  };
  const query = useCompareQuery(projectId, params, chosen !== null);
  return (
    <section className="card" aria-label="Model comparison" data-testid="model-compare">
      <div className={styles.sectionHead}>
        <h2>What if {target.label} ran on another model?</h2>
        <span className={styles.whatIf}>what-if · your ledger is unchanged</span>
        <div className="spacer" />
        {query.data && (
          <CsvButton path="compare" projectId={projectId} params={params} filename="model-comparison.csv" />
        )}
        <ModelPicker options={options} exclude={target.currentModel} onPick={setChosen} initial={chosen} />
      </div>
      <div className={styles.sectionBody}>
        <CompareBody query={query} chosen={chosen} />
      </div>
    </section>
  );
}

function CompareBody({
  query,
  chosen,
}: {
  query: ReturnType<typeof useCompareQuery>;
  chosen: { model: string } | null;
}) {
  if (!chosen) {
    return (
      <p className="muted">
        Pick a model to re-price this period&apos;s real token counts at its list prices, request by request, and see
        the difference.
      </p>
    );
  }
  if (query.isError) return <ErrorState what="the comparison" error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton height={180} />;
  return <CompareResult data={query.data} />;
}

function CompareResult({ data }: { data: CompareResponse }) {
  const chart = useMemo(() => prepareCompare(data), [data]);
  const target = `${data.target.model}`;
  const share = data.saving_share === null ? null : formatPercent(Math.abs(data.saving_share));
  const savingText = {
    cheaper: {
      label: "Saving",
      tone: "var(--good)",
      text: `${formatMoney(data.saving)}${share ? ` (${share})` : ""}`,
      sub: `${target} would have been cheaper`,
    },
    dearer: {
      label: "Extra cost",
      tone: "var(--bad)",
      text: `${formatMoney(data.saving.replace(/^-/, ""))}${share ? ` (+${share})` : ""}`,
      sub: `${target} would have cost more`,
    },
    same: { label: "Difference", tone: "var(--muted)", text: "$0.00", sub: "no difference" },
  }[chart.verdict];
  return (
    <div className="stack" data-testid="compare-result" data-verdict={chart.verdict}>
      <div className={styles.compareGrid}>
        <div className={styles.compareTile}>
          <span className="muted small">Actual cost</span>
          <strong data-testid="compare-actual">{formatMoney(data.actual)}</strong>
          <span className="muted small">
            {formatCount(data.requests)} requests on {data.by_source.map((source) => source.model).join(", ") || "—"}
          </span>
        </div>
        <div className={styles.compareTile}>
          <span className="muted small">
            On {target} ({data.target.provider})
          </span>
          <strong data-testid="compare-counterfactual">{formatMoney(data.counterfactual)}</strong>
          <span className="muted small">
            same tokens, {data.target.price_date === "each_day" ? "prices in force each day" : "today's prices"}
          </span>
        </div>
        <div className={styles.compareTile} style={{ borderColor: savingText.tone }}>
          <span className="muted small">{savingText.label}</span>
          <strong style={{ color: savingText.tone }} data-testid="compare-saving">
            {savingText.text}
          </strong>
          <span className="muted small">{savingText.sub}</span>
        </div>
      </div>
      {chart.rows.length > 1 && <CompareChart chart={chart} targetLabel={target} />}
      {data.by_source.length > 1 && <SourceTable data={data} />}
      <ul className="muted small" style={{ margin: 0, paddingLeft: 18 }}>
        {data.excluded.requests > 0 && (
          <li>
            {formatCount(data.excluded.requests)} requests left out of both sides
            {data.excluded.reason ? `: ${data.excluded.reason}` : ""}.
          </li>
        )}
        {data.assumptions.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

function SourceTable({ data }: { data: CompareResponse }) {
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th>Model used</th>
          <th className="num">Requests</th>
          <th className="num">Actual</th>
          <th className="num">On {data.target.model}</th>
        </tr>
      </thead>
      <tbody>
        {data.by_source.map((source) => (
          <tr key={`${source.provider}/${source.model}`}>
            <td>
              {source.model} <span className="muted small">{source.provider}</span>
            </td>
            <td className="num">{formatCount(source.requests)}</td>
            <td className="num">{formatMoney(source.actual)}</td>
            <td className="num">{formatMoney(source.counterfactual)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A searchable list of the price book's models; Enter takes the typed name as is. */
function ModelPicker({
  options,
  exclude,
  onPick,
  initial,
}: {
  options: ModelOption[];
  exclude?: string;
  onPick: (choice: { provider?: string; model: string }) => void;
  initial: { provider?: string; model: string } | null;
}) {
  const [text, setText] = useState(
    initial ? (initial.provider ? `${initial.model} (${initial.provider})` : initial.model) : "",
  );
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => matchModelOptions(options, text, exclude), [options, text, exclude]);

  const pick = (choice: { provider?: string; model: string }) => {
    setText(choice.provider ? `${choice.model} (${choice.provider})` : choice.model);
    setOpen(false);
    onPick(choice);
  };

  return (
    <div className={styles.picker}>
      <label className="visually-hidden" htmlFor="compare-model">
        Compare with model
      </label>
      <input
        id="compare-model"
        className="input"
        style={{ width: "100%", height: 32 }}
        placeholder="Compare with… (e.g. gpt-4o-mini)"
        value={text}
        role="combobox"
        aria-expanded={open}
        aria-controls="compare-model-list"
        aria-autocomplete="list"
        autoComplete="off"
        data-testid="compare-model-input"
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(event) => {
          const keys: Record<string, () => void> = {
            ArrowDown: () => setActive((index) => Math.min(index + 1, matches.length - 1)),
            ArrowUp: () => setActive((index) => Math.max(index - 1, 0)),
            Escape: () => setOpen(false),
            Enter: () => {
              const match = matches[active];
              if (match && open) pick(match);
              else if (text.trim()) pick({ model: text.trim() });
            },
          };
          const handler = keys[event.key];
          if (handler) {
            event.preventDefault();
            handler();
          }
        }}
      />
      {open && matches.length > 0 && (
        <ul className={styles.pickerList} id="compare-model-list" role="listbox">
          {matches.map((option, index) => (
            <li
              key={`${option.provider}/${option.model}`}
              role="option"
              aria-selected={index === active}
              data-model={option.model}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(option);
              }}
            >
              <span>
                {option.model} <span className="muted small">{option.provider}</span>
              </span>
              <span className="muted small" style={{ whiteSpace: "nowrap" }}>
                ${option.input} / ${option.output} per M
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
