"use client";

import { useMemo, useState } from "react";
import { compareMoney, formatMoney } from "@/lib/format";
import type { MarginsData } from "@/lib/query/hooks/margins";
import { MarginPct, Money } from "./figures";
import styles from "./margins.module.css";

type Customer = MarginsData["customers"][number];
type SortKey = "customer" | "cost" | "loaded_cost" | "revenue" | "margin" | "margin_pct";

const PAGE = 25;

const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: "customer", label: "Customer", numeric: false },
  { key: "cost", label: "Usage cost", numeric: true },
  { key: "loaded_cost", label: "Fully loaded", numeric: true },
  { key: "revenue", label: "Revenue", numeric: true },
  { key: "margin", label: "Margin", numeric: true },
  { key: "margin_pct", label: "Margin %", numeric: true },
];

function compare(a: Customer, b: Customer, key: SortKey): number {
  switch (key) {
    case "customer":
      return a.customer.localeCompare(b.customer);
    case "margin_pct":
      return (a.margin_pct ?? -Infinity) - (b.margin_pct ?? -Infinity);
    default:
      return compareMoney(a[key], b[key]);
  }
}

/** How a customer's revenue was computed: the notes of its revenue lines, or the import. */
function revenueExplanation(customer: Customer, planNames: Map<string, string>): string {
  if (customer.revenue_source === "imported")
    return `Imported from billing: ${formatMoney(customer.imported_revenue ?? "0")} for the period (computed under the plan would be ${formatMoney(customer.computed_revenue)}).`;
  const notes = customer.revenue_lines.map(
    (line) =>
      `${planNames.get(line.plan_id) ?? line.plan_id} · ${line.feature}${line.outcome_type ? ` · ${line.outcome_type}` : ""} (${line.from}…${line.to}): ${formatMoney(line.amount)} — ${line.note}`,
  );
  const prefix =
    customer.revenue_source === "mixed"
      ? `Imported for some months (${formatMoney(customer.imported_revenue ?? "0")}), computed for the others.\n`
      : "";
  return notes.length
    ? prefix + notes.join("\n")
    : `${prefix}No charges: ${customer.plans.every((p) => p.plan_id === null) ? "no plan applies" : "the plan charges nothing for this usage"}.`;
}

export function CustomersTable({
  customers,
  planNames,
  compareId,
}: {
  customers: Customer[];
  planNames: Map<string, string>;
  compareId: string | null;
}) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "margin", desc: false });
  const rows = useMemo(
    () =>
      [...customers].sort(
        (a, b) => (sort.desc ? -1 : 1) * compare(a, b, sort.key) || a.customer.localeCompare(b.customer),
      ),
    [customers, sort],
  );
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, PAGE);
  const toggle = (key: SortKey) =>
    setSort((current) => ({ key, desc: current.key === key ? !current.desc : key !== "customer" }));
  return (
    <div className={styles.tableWrap}>
      <table className="data" data-testid="customers-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                className={column.numeric ? "num" : undefined}
                aria-sort={sort.key === column.key ? (sort.desc ? "descending" : "ascending") : "none"}
              >
                <button type="button" className={styles.sortButton} onClick={() => toggle(column.key)}>
                  {column.label}
                  {sort.key === column.key ? (sort.desc ? " ↓" : " ↑") : ""}
                </button>
              </th>
            ))}
            <th>Plan</th>
            <th>Revenue source</th>
            {compareId && <th className="num">Δ margin under {planNames.get(compareId) ?? compareId}</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => {
            const alt = compareId ? c.alternatives.find((a) => a.plan_id === compareId) : undefined;
            return (
              <tr key={c.customer} data-customer={c.customer}>
                <td style={{ whiteSpace: "nowrap" }}>{c.customer || <span className="muted">(no customer)</span>}</td>
                <td className="num">
                  <Money
                    value={c.cost}
                    title={`${c.requests} requests priced at ingest${c.unpriced_requests ? `; ${c.unpriced_requests} without a price are not in this cost` : ""}.`}
                  />
                </td>
                <td className="num">
                  <Money
                    value={c.loaded_cost}
                    title={`Usage cost ${c.cost} + idle GPU time and fixed costs allocated to this customer`}
                  />
                </td>
                <td className="num">
                  <Money value={c.revenue} title={revenueExplanation(c, planNames)} />
                </td>
                <td className="num">
                  <Money
                    value={c.margin}
                    signed
                    title={`Revenue ${formatMoney(c.revenue)} − fully loaded cost ${formatMoney(c.loaded_cost)} (on usage cost alone: ${formatMoney(c.usage_margin)})`}
                  />
                </td>
                <td className="num">
                  <MarginPct value={c.margin_pct} title="Margin ÷ revenue" />
                </td>
                <td style={{ whiteSpace: "nowrap" }}>
                  {c.plans.map((p) => (p.plan_id ? (planNames.get(p.plan_id) ?? p.plan_id) : "no plan")).join(" → ")}
                </td>
                <td>
                  <span className={`badge ${c.revenue_source === "computed" ? "" : "badge-accent"}`}>
                    {c.revenue_source}
                  </span>
                </td>
                {compareId && (
                  <td className="num">
                    {alt ? (
                      <Money
                        value={alt.delta}
                        signed
                        title={`Margin under ${planNames.get(compareId) ?? compareId}: ${alt.margin}`}
                      />
                    ) : (
                      "—"
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > PAGE && (
        <p className="muted small" style={{ padding: "10px 20px" }}>
          {all
            ? `All ${rows.length} customers.`
            : `The first ${PAGE} of ${rows.length} customers in this order; the CSV holds them all.`}{" "}
          <button
            type="button"
            className="btn-link small"
            onClick={() => setAll(!all)}
            data-testid="customers-show-all"
          >
            {all ? `Show the first ${PAGE}` : `Show all ${rows.length}`}
          </button>
        </p>
      )}
    </div>
  );
}
