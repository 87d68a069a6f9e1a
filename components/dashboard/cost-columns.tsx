/**
 * The columns of the features / customers / models tables: how each cell reads, and the exact
 * value it sorts by (money as bigint femtodollars, never floats).
 */
import type { ReactNode } from "react";
import type { CostRow } from "@/lib/analytics/contracts";
import { marginPercent } from "@/lib/margins/amounts";
import type { CustomerMargin } from "@/lib/margins/wire/customer-margins";
import {
  formatCompact,
  formatLatency,
  formatMoney,
  formatPercent,
  formatTokens,
  formatUnitMoney,
  formatCount,
  percentChange,
  TOKEN_CLASS_LABELS,
  TOKEN_CLASS_NAMES,
} from "@/lib/format";
import { femtoToUsd, usdToFemto } from "@/lib/money";
import { ChangeBadge } from "./change";
import styles from "./dashboard.module.css";

export const SORT_IDS = [
  "key",
  "spend",
  "change",
  "requests",
  "cost_per_request",
  "tokens",
  "cache_hit_rate",
  "gpu_spend",
  "latency",
  "error_rate",
  "revenue",
  "margin",
] as const;
export type SortId = (typeof SORT_IDS)[number];

/** The sorts the API can do itself (so its CSV comes back in the same order). */
export const API_SORTS: Partial<Record<SortId, "spend" | "requests" | "tokens" | "key" | "change">> = {
  key: "key",
  spend: "spend",
  requests: "requests",
  tokens: "tokens",
  change: "change",
};

type SortValue = bigint | number | string | null;

export interface Column {
  id: SortId;
  label: string;
  title: string;
  numeric: boolean;
  sortValue: (row: CostRow) => SortValue;
  render: (row: CostRow) => ReactNode;
  /** The total row's cell for these rows, where the column adds up. */
  total?: (rows: readonly CostRow[]) => ReactNode;
}

function changeOf(row: CostRow) {
  return row.previous_spend === null ? null : percentChange(row.spend, row.previous_spend);
}

function tokenBreakdown(row: CostRow): string {
  return TOKEN_CLASS_NAMES.filter((name) => row.tokens[name] > 0)
    .map((name) => `${TOKEN_CLASS_LABELS[name]}: ${formatTokens(row.tokens[name])}`)
    .join("\n");
}

function tokenSubLine(row: CostRow): string {
  return `in ${formatCompact(row.tokens.input)} · out ${formatCompact(row.tokens.output + row.tokens.reasoning)}`;
}

/** Every event of the row is unpriced: its spend is unknown, not zero. */
function allUnpriced(row: CostRow): boolean {
  return row.requests > 0 && row.unpriced_events === row.requests;
}

const pct = (value: number | null) => (value === null ? "—" : formatPercent(value));

export const COST_COLUMNS: Column[] = [
  {
    id: "spend",
    label: "Spend",
    title: "Total cost in the period (tokens and GPU)",
    numeric: true,
    sortValue: (row) => usdToFemto(row.spend),
    render: (row) => (
      <>
        {allUnpriced(row) ? <strong className="muted">unpriced</strong> : <strong>{formatMoney(row.spend)}</strong>}
        {row.unpriced_events > 0 && (
          <span className={styles.subLine} style={{ color: "var(--warn)" }}>
            {formatCount(row.unpriced_events)} {allUnpriced(row) ? "events, no price" : "unpriced"}
          </span>
        )}
      </>
    ),
  },
  {
    id: "change",
    label: "Change",
    title: "Spend against the previous period of the same length",
    numeric: true,
    sortValue: (row) => changeOf(row)?.ratio ?? null,
    render: (row) => {
      const change = changeOf(row);
      return change ? (
        <ChangeBadge
          change={change}
          title={row.previous_spend ? `previous period: ${formatMoney(row.previous_spend)}` : undefined}
        />
      ) : (
        "—"
      );
    },
  },
  {
    id: "requests",
    label: "Requests",
    title: "Usage events",
    numeric: true,
    sortValue: (row) => row.requests,
    render: (row) => formatCount(row.requests),
  },
  {
    id: "cost_per_request",
    label: "Cost / req",
    title: "Spend divided by requests",
    numeric: true,
    sortValue: (row) => (row.cost_per_request === null ? null : usdToFemto(row.cost_per_request)),
    render: (row) => (row.cost_per_request === null || allUnpriced(row) ? "—" : formatUnitMoney(row.cost_per_request)),
  },
  {
    id: "tokens",
    label: "Tokens",
    title: "All token classes; hover for the breakdown",
    numeric: true,
    sortValue: (row) => row.tokens.total,
    render: (row) => (
      <span title={tokenBreakdown(row)}>
        {formatCompact(row.tokens.total)}
        <span className={styles.subLine}>{tokenSubLine(row)}</span>
      </span>
    ),
  },
  {
    id: "cache_hit_rate",
    label: "Cache hit",
    title: "Share of prompt tokens read from cache",
    numeric: true,
    sortValue: (row) => row.cache_hit_rate,
    render: (row) => (
      <>
        {pct(row.cache_hit_rate)}
        {row.tokens.cache_read > 0 && (
          <span className={styles.subLine}>{formatCompact(row.tokens.cache_read)} read</span>
        )}
      </>
    ),
  },
  {
    id: "gpu_spend",
    label: "GPU",
    title: "Self-hosted GPU spend",
    numeric: true,
    sortValue: (row) => usdToFemto(row.gpu_spend),
    render: (row) => (usdToFemto(row.gpu_spend) === 0n ? <span className="muted">—</span> : formatMoney(row.gpu_spend)),
  },
  {
    id: "latency",
    label: "p50 / p95",
    title: "Median and 95th percentile latency, from the rollups' histograms (±15 %); sorts by p95",
    numeric: true,
    sortValue: (row) => row.latency.p95_ms,
    render: (row) => (
      <>
        {formatLatency(row.latency.p50_ms)}
        <span className={styles.subLine}>p95 {formatLatency(row.latency.p95_ms)}</span>
      </>
    ),
  },
  {
    id: "error_rate",
    label: "Errors",
    title: "Share of requests that failed",
    numeric: true,
    sortValue: (row) => row.error_rate,
    render: (row) => (
      <span style={row.error_rate && row.error_rate >= 0.05 ? { color: "var(--bad)" } : undefined}>
        {pct(row.error_rate)}
      </span>
    ),
  },
];

/** Revenue and margin columns for the customers table, from GET /api/v1/margins/customers by customer. */
/** Revenue and margin summed exactly over `rows` (femtodollars), with the margin % the engine would give. */
export function billingTotals(rows: readonly CostRow[], billing: ReadonlyMap<string, CustomerMargin>) {
  let revenue = 0n;
  let margin = 0n;
  for (const row of rows) {
    const figures = billing.get(row.key);
    if (!figures) continue;
    revenue += usdToFemto(figures.revenue);
    margin += usdToFemto(figures.margin);
  }
  return { revenue, margin, marginPct: marginPercent(margin, revenue) };
}

export function billingColumns(billing: ReadonlyMap<string, CustomerMargin>): Column[] {
  const of = (row: CostRow) => billing.get(row.key);
  return [
    {
      id: "revenue",
      label: "Revenue",
      title: "What the customer's plans charge in the period (or imported billing)",
      numeric: true,
      sortValue: (row) => (of(row) ? usdToFemto(of(row)!.revenue) : null),
      render: (row) => (of(row) ? formatMoney(of(row)!.revenue) : "—"),
      total: (rows) => formatMoney(femtoToUsd(billingTotals(rows, billing).revenue)),
    },
    {
      id: "margin",
      label: "Margin",
      title: "Revenue minus fully loaded cost (idle GPU time and fixed costs included); the margin % below",
      numeric: true,
      sortValue: (row) => (of(row) ? usdToFemto(of(row)!.margin) : null),
      render: (row) => {
        const figures = of(row);
        if (!figures) return "—";
        return (
          <span style={usdToFemto(figures.margin) < 0n ? { color: "var(--bad)" } : undefined}>
            {formatMoney(figures.margin)}
            <span className={styles.subLine}>
              {figures.margin_pct === null ? "no revenue" : `${figures.margin_pct.toFixed(1)}%`}
            </span>
          </span>
        );
      },
      total: (rows) => {
        const { margin, marginPct } = billingTotals(rows, billing);
        return (
          <span data-testid="total-margin" style={margin < 0n ? { color: "var(--bad)" } : undefined}>
            {formatMoney(femtoToUsd(margin))}
            <span className={styles.subLine}>{marginPct === null ? "no revenue" : `${marginPct.toFixed(1)}%`}</span>
          </span>
        );
      },
    },
  ];
}

function compareValues(a: SortValue, b: SortValue): number {
  // Rows without a value (no requests, no previous period) go last in either direction.
  if (a === null || b === null) return 0;
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

export function sortRows(
  rows: readonly CostRow[],
  sort: SortId,
  order: "asc" | "desc",
  columns: readonly Column[] = COST_COLUMNS,
): CostRow[] {
  const column = columns.find((item) => item.id === sort);
  const value = column ? column.sortValue : (row: CostRow) => row.key.toLowerCase();
  const direction = order === "asc" ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = value(x);
    const b = value(y);
    if (a === null && b !== null) return 1;
    if (b === null && a !== null) return -1;
    return compareValues(a, b) * direction || (x.key < y.key ? -1 : 1);
  });
}
