"use client";

/**
 * The features / customers / models tables: sortable, searchable and filterable, all in the
 * URL (`q`, `sort`, `order`, `feature`, `customer`, `model`), with a CSV of exactly these rows in
 * this order (customers: with revenue and margin).
 */
import { AppLink } from "@/components/app-link";
import { useEffect, useMemo, useState } from "react";
import { PageHeader } from "@/components/page-header";
import type { CostRow, CostsResponse } from "@/lib/analytics/contracts";
import { seriesLabel } from "@/lib/charts";
import {
  formatCompact,
  formatCount,
  formatDay,
  formatMoney,
  formatTimezone,
  percentChange,
  sumMoney,
} from "@/lib/format";
import { useCostsQuery } from "@/lib/query/hooks";
import { ChangeBadge } from "./change";
import { useCustomerMarginsQuery } from "@/lib/query/hooks/customer-margins";
import { API_SORTS, billingColumns, COST_COLUMNS, sortRows, SORT_IDS, type Column, type SortId } from "./cost-columns";
import { CsvButton } from "./csv-button";
import { dimensionTableCsv } from "./table-csv";
import styles from "./dashboard.module.css";
import { DimensionFilter } from "./filters";
import {
  detailHref,
  DIMENSION_INFO,
  OTHER_DIMENSIONS,
  showsCustomerBilling,
  type DashboardScope,
  type DimensionKind,
} from "./scope";
import { ErrorState, TableSkeleton } from "@/components/states";
import { useUrlState } from "@/components/url-state";

export function DimensionTable({ scope, kind }: { scope: DashboardScope; kind: DimensionKind }) {
  const url = useUrlState();
  const info = DIMENSION_INFO[kind];
  const [filterA, filterB] = OTHER_DIMENSIONS[kind];
  const sortParam = url.get("sort");
  const sort: SortId = SORT_IDS.find((id) => id === sortParam) ?? "spend";
  const order = readOrder(url.get("order"), sort);
  const search = url.get("q") ?? "";

  const params = {
    ...url.range,
    group_by: kind,
    [filterA]: url.get(filterA),
    [filterB]: url.get(filterB),
    search: search || undefined,
    sort: API_SORTS[sort],
    order: API_SORTS[sort] ? order : undefined,
  };
  const query = useCostsQuery(scope.projectId, params);
  // Customers also show revenue and margin in the same period (a read of those two figures
  // alone); a filter by feature or model leaves them out and says so.
  const sliced = url.get(filterA) !== undefined || url.get(filterB) !== undefined;
  const showsBilling = showsCustomerBilling(kind, (dimension) => url.get(dimension) !== undefined);
  const billing = useCustomerMarginsQuery(scope.projectId, showsBilling && query.data ? query.data.period : null);
  // The embedded database answers one query at a time: the filters' options wait for the rows.
  const tableLoaded = query.data !== undefined && (!showsBilling || billing.isFetched);
  const columns = useMemo(
    () => (billing.data ? [...COST_COLUMNS, ...billingColumns(billing.data)] : COST_COLUMNS),
    [billing.data],
  );
  const rows = useMemo(
    () => (query.data ? sortRows(query.data.rows, sort, order, columns) : []),
    [query.data, sort, order, columns],
  );

  const toggleSort = (id: SortId) => {
    const nextOrder = id === sort ? flip(order) : defaultOrder(id);
    // Defaults stay out of the URL so shared links stay short.
    url.set({
      sort: id === "spend" && nextOrder === "desc" ? null : id,
      order: nextOrder === defaultOrder(id) ? null : nextOrder,
    });
  };

  return (
    <div className={styles.page}>
      <PageHeader
        title={info.title}
        description={query.data ? periodLine(query.data) : `Cost per ${info.singular} in the period`}
        actions={
          <CsvButton
            filename={`${info.plural}.csv`}
            table={query.data ? () => dimensionTableCsv(query.data, rows, billing.data) : null}
          />
        }
      />
      <section className="card">
        <div className={styles.toolbar}>
          <SearchBox
            value={search}
            placeholder={`Search ${info.plural}`}
            onChange={(next) => url.set({ q: next || null })}
          />
          <DimensionFilter
            projectId={scope.projectId}
            range={url.range}
            kind={filterA}
            value={url.get(filterA)}
            onChange={(next) => url.set({ [filterA]: next })}
            loadOptions={tableLoaded}
          />
          <DimensionFilter
            projectId={scope.projectId}
            range={url.range}
            kind={filterB}
            value={url.get(filterB)}
            onChange={(next) => url.set({ [filterB]: next })}
            loadOptions={tableLoaded}
          />
          <div className="spacer" />
          {kind === "customer" && sliced && (
            <span className="muted small" data-testid="billing-hidden">
              Revenue and margin are per whole customer: shown without a feature or model filter
            </span>
          )}
          {query.data && (
            <span className="muted small" data-testid="row-count">
              {formatCount(rows.length)} {rows.length === 1 ? info.singular : info.plural}
            </span>
          )}
        </div>
        <TableBody
          kind={kind}
          scope={scope}
          query={query}
          columns={columns}
          rows={rows}
          sort={sort}
          order={order}
          onSort={toggleSort}
          rangeQuery={url.rangeQuery}
          filtered={Boolean(search) || sliced}
        />
      </section>
    </div>
  );
}

type Order = "asc" | "desc";

/** Names sort A to Z first; numbers largest first. */
function defaultOrder(sort: SortId): Order {
  return sort === "key" ? "asc" : "desc";
}

function flip(order: Order): Order {
  return order === "asc" ? "desc" : "asc";
}

function readOrder(param: string | undefined, sort: SortId): Order {
  if (param === "asc" || param === "desc") return param;
  return defaultOrder(sort);
}

function ariaSort(active: boolean, order: Order): "ascending" | "descending" | undefined {
  if (!active) return undefined;
  return order === "asc" ? "ascending" : "descending";
}

function periodLine(data: CostsResponse): string {
  const { period } = data;
  return `${formatDay(period.from, true)} – ${formatDay(period.to, true)} · change against the ${period.days} days before · times in ${formatTimezone(period.timezone)}`;
}

function SearchBox({
  value,
  placeholder,
  onChange,
}: {
  value: string;
  placeholder: string;
  onChange: (next: string) => void;
}) {
  const [text, setText] = useState(value);
  // Follow the URL when it changes from outside (back button, a shared link).
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <>
      <label className="visually-hidden" htmlFor="table-search">
        {placeholder}
      </label>
      <input
        id="table-search"
        className={`input ${styles.search}`}
        type="search"
        placeholder={placeholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
        data-testid="table-search"
      />
    </>
  );
}

/** Long tables (200 customers) show the first rows; the footer offers the rest. */
const FIRST_ROWS = 50;

function TableBody({
  kind,
  scope,
  query,
  columns,
  rows,
  sort,
  order,
  onSort,
  rangeQuery,
  filtered,
}: {
  kind: DimensionKind;
  scope: DashboardScope;
  query: ReturnType<typeof useCostsQuery>;
  columns: readonly Column[];
  rows: CostRow[];
  sort: SortId;
  order: "asc" | "desc";
  onSort: (id: SortId) => void;
  rangeQuery: string;
  filtered: boolean;
}) {
  const info = DIMENSION_INFO[kind];
  const [showAll, setShowAll] = useState(false);
  if (query.isError && !query.data)
    return <ErrorState what={`the ${info.plural}`} error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <TableSkeleton columns={8} />;
  if (rows.length === 0) {
    return (
      <p className="muted" style={{ padding: "40px 20px", textAlign: "center" }}>
        {filtered ? `No ${info.plural} match these filters.` : `No ${info.plural} had usage in this period.`}
      </p>
    );
  }
  const arrow = order === "asc" ? "↑" : "↓";
  const visible = showAll ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <div
      className={styles.tableWrap}
      style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}
      data-stale={query.isPlaceholderData}
    >
      <table className={styles.table} data-testid="cost-table">
        <thead>
          <tr>
            <th aria-sort={ariaSort(sort === "key", order)}>
              <button
                type="button"
                className={`${styles.sortButton} ${sort === "key" ? styles.sortActive : ""}`}
                onClick={() => onSort("key")}
              >
                {info.singular} {sort === "key" && arrow}
              </button>
            </th>
            {columns.map((column) => (
              <th key={column.id} className="num" title={column.title} aria-sort={ariaSort(sort === column.id, order)}>
                <button
                  type="button"
                  className={`${styles.sortButton} ${sort === column.id ? styles.sortActive : ""}`}
                  onClick={() => onSort(column.id)}
                  data-testid={`sort-${column.id}`}
                >
                  {sort === column.id && arrow} {column.label}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => (
            <tr key={`${row.provider ?? ""}/${row.key}`} data-key={row.key} data-provider={row.provider ?? ""}>
              <td className={styles.keyCell}>
                <AppLink href={detailHref(scope, kind, row.key, row.provider, rangeQuery)} title={row.key}>
                  {seriesLabel(row.key, false)}
                </AppLink>
                {row.provider && <span className={styles.subLine}>{row.provider}</span>}
              </td>
              {columns.map((column) => (
                <td key={column.id} className="num" data-col={column.id}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <FooterRow
            rows={rows}
            data={query.data}
            filtered={filtered}
            extraColumns={columns.slice(COST_COLUMNS.length)}
          />
        </tfoot>
      </table>
      {visible.length < rows.length && (
        <div className={`${styles.tableFoot} no-print`}>
          <span>
            Showing {formatCount(visible.length)} of {formatCount(rows.length)} {info.plural}; the total row and the CSV
            cover all of them.
          </span>
          <button type="button" className="btn btn-sm" onClick={() => setShowAll(true)} data-testid="show-all-rows">
            Show all {formatCount(rows.length)}
          </button>
        </div>
      )}
    </div>
  );
}

/** Sums of the rows shown, exact; the previous-period change only when nothing is filtered out. */
function FooterRow({
  rows,
  data,
  filtered,
  extraColumns,
}: {
  rows: CostRow[];
  data: CostsResponse;
  filtered: boolean;
  extraColumns: readonly Column[];
}) {
  const spend = sumMoney(rows.map((row) => row.spend));
  const previous = filtered ? null : data.totals.previous_spend;
  const requests = rows.reduce((sum, row) => sum + row.requests, 0);
  const gpu = sumMoney(rows.map((row) => row.gpu_spend));
  const tokens = rows.reduce((sum, row) => sum + row.tokens.total, 0);
  return (
    <tr data-testid="table-total">
      <td>Total{filtered ? " (shown)" : ""}</td>
      <td className="num">{formatMoney(spend)}</td>
      <td className="num">{previous === null ? "" : <ChangeBadge change={percentChange(spend, previous)} />}</td>
      <td className="num">{formatCount(requests)}</td>
      <td className="num" />
      <td className="num">{formatCompact(tokens)}</td>
      <td className="num" />
      <td className="num">{formatMoney(gpu)}</td>
      <td className="num" colSpan={2} />
      {extraColumns.map((column) => (
        <td key={column.id} className="num">
          {column.total?.(rows)}
        </td>
      ))}
    </tr>
  );
}
