"use client";

import { formatCount } from "@/lib/format";
import type { MarginsData } from "@/lib/query/hooks/margins";
import { Figure, MarginPct, Money } from "./figures";
import styles from "./margins.module.css";

/** Current plans vs one other plan for everyone: totals side by side, who gains and who loses. */
export function ComparisonPanel({
  data,
  compareId,
  onCompare,
}: {
  data: MarginsData;
  compareId: string | null;
  onCompare: (id: string | null) => void;
}) {
  const comparison = data.comparisons.find((c) => c.plan_id === compareId);
  const choices = data.plans.filter((plan) => !plan.archived);
  return (
    <section className="card" aria-label="Plan comparison" data-testid="plan-comparison">
      <div className="card-header">
        <div style={{ flex: "1 1 240px" }}>
          <h2>Usage-based vs outcome-based</h2>
          <p title={data.explanations.comparison}>
            Each customer’s real usage and outcomes charged under another plan, side by side with their current plans,
            on fully loaded cost.
          </p>
        </div>
        <label className="row small" style={{ minWidth: 0, maxWidth: "100%" }}>
          Compare with
          <select
            className="select"
            value={compareId ?? ""}
            onChange={(event) => onCompare(event.target.value || null)}
            data-testid="compare-plan"
            style={{ width: "auto", maxWidth: "100%" }}
          >
            <option value="">(choose a plan)</option>
            {choices.map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.name} ({plan.type})
              </option>
            ))}
          </select>
        </label>
      </div>
      {!comparison ? (
        <p className="muted" style={{ padding: "16px 20px" }}>
          {choices.length === 0
            ? "Create a plan first (Plans tab) to compare it with what customers pay today."
            : "Choose a plan to see each customer's margin under it."}
        </p>
      ) : (
        <>
          <div className={styles.compareTotals}>
            <Figure label="Current plans" title="Revenue and margin as assigned (imported billing where present)">
              <Money value={data.totals.revenue} /> · <MarginPct value={data.totals.margin_pct} />
            </Figure>
            <Figure label={comparison.plan_name} title={data.explanations.comparison}>
              <Money value={comparison.totals.revenue} /> · <MarginPct value={comparison.totals.margin_pct} />
            </Figure>
            <Figure label="Margin delta" title="Margin under this plan minus margin as assigned">
              <Money value={comparison.totals.delta} signed testId="comparison-delta" />
            </Figure>
          </div>
          <div className={styles.grid2} style={{ gridTemplateColumns: "1fr 1fr", padding: "0 0 8px" }}>
            <WhoList
              title={`Gain under ${comparison.plan_name}`}
              rows={comparison.gainers}
              empty="No customer would bring more margin."
              testId="gainers"
            />
            <WhoList
              title={`Lose under ${comparison.plan_name}`}
              rows={comparison.losers}
              empty="No customer would bring less margin."
              testId="losers"
            />
          </div>
          {comparison.unchanged.length > 0 && (
            <p className="muted small" style={{ padding: "0 20px 12px" }}>
              Unchanged: {comparison.unchanged.join(", ")}
            </p>
          )}
          <BreakEven data={data} />
        </>
      )}
    </section>
  );
}

function WhoList({
  title,
  rows,
  empty,
  testId,
}: {
  title: string;
  rows: { customer: string; delta: string }[];
  empty: string;
  testId: string;
}) {
  return (
    <div data-testid={testId}>
      <h3 style={{ padding: "8px 20px" }}>
        {title} <span className="muted">({rows.length})</span>
      </h3>
      {rows.length === 0 ? (
        <p className="muted small" style={{ padding: "0 20px 8px" }}>
          {empty}
        </p>
      ) : (
        <ul className={styles.list}>
          {rows.slice(0, 10).map((row) => (
            <li key={row.customer}>
              <span>{row.customer || "(no customer)"}</span>
              <Money value={row.delta} signed />
            </li>
          ))}
          {rows.length > 10 && <li className="muted small">and {rows.length - 10} more (see the customers table)</li>}
        </ul>
      )}
    </div>
  );
}

/** What one outcome costs to produce: below this price per outcome, an outcome-based plan loses money. */
function BreakEven({ data }: { data: MarginsData }) {
  const rows = data.outcomes.filter((row) => row.break_even_price !== null);
  if (rows.length === 0) return null;
  return (
    <div style={{ padding: "0 20px 12px" }} data-testid="break-even">
      <h3 title={data.explanations.break_even}>Break-even price per outcome (usage cost)</h3>
      <ul className={styles.list}>
        {rows.map((row) => (
          <li key={`${row.feature}/${row.outcome_type}`}>
            <span>
              {row.outcome_type}{" "}
              <span className="muted small">
                in {row.feature} · {formatCount(row.outcomes)} outcomes
              </span>
            </span>
            <Money value={row.break_even_price!} />
          </li>
        ))}
      </ul>
    </div>
  );
}
