"use client";

import type { MarginsData } from "@/lib/query/hooks/margins";
import { formatCount, formatMoney } from "@/lib/format";
import { Money } from "./figures";
import styles from "./margins.module.css";
import { DataTable } from "@/components/data-table";

export function OutcomeTable({ outcomes, explanation }: { outcomes: MarginsData["outcomes"]; explanation: string }) {
  if (outcomes.length === 0) {
    return (
      <p className="muted" style={{ padding: "16px 20px" }}>
        No outcomes in this period. Send outcome events (for example{" "}
        <code className="code-inline">ticket_resolved</code>) to see the cost of each outcome and its break-even price.
      </p>
    );
  }
  return (
    <div className={styles.tableWrap}>
      <DataTable
        data-testid="outcome-table"
        columns={[
          "Feature",
          "Outcome",
          { label: "Outcomes", num: true },
          { label: "Feature cost", num: true },
          { label: "Break-even price", num: true, title: explanation },
          { label: "p10", num: true },
          { label: "p50", num: true },
          { label: "p90", num: true },
        ]}
      >
        {outcomes.map((row) => {
          const spread = `Cost per outcome across ${row.samples} customer${row.samples === 1 ? "" : "s"} with outcomes${row.without_outcomes ? `; ${row.without_outcomes} with cost but no outcomes are in the cost but not the spread` : ""}.`;
          return (
            <tr key={`${row.feature}\u0000${row.outcome_type}`}>
              <td>{row.feature || <span className="muted">(no feature)</span>}</td>
              <td>{row.outcome_type}</td>
              <td className="num">{formatCount(row.outcomes)}</td>
              <td className="num">
                <Money value={row.cost} title="The feature's whole cost over the period, every customer included." />
              </td>
              <td className="num">
                {row.break_even_price ? (
                  <Money
                    value={row.break_even_price}
                    title={`${formatMoney(row.cost)} ÷ ${formatCount(row.outcomes)} outcomes`}
                  />
                ) : (
                  "—"
                )}
              </td>
              <td className="num">{row.p10 ? <Money value={row.p10} title={spread} /> : "—"}</td>
              <td className="num">{row.p50 ? <Money value={row.p50} title={spread} /> : "—"}</td>
              <td className="num">{row.p90 ? <Money value={row.p90} title={spread} /> : "—"}</td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}
