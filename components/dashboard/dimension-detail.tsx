"use client";

/**
 * One feature, customer or model: its figures for the period, spend over time stacked by the
 * other two dimensions, breakdowns by them, tokens by class, and the model comparison.
 */
import { CustomerBilling } from "@/components/margins/customer-billing";
import { AppLink } from "@/components/app-link";
import { useMemo, type ReactNode } from "react";
import { PageHeader } from "@/components/page-header";
import type { CostRow } from "@/lib/analytics/contracts";
import { prepareBreakdown, seriesLabel } from "@/lib/charts";
import {
  formatCount,
  formatDay,
  formatGpuTime,
  formatLatency,
  formatMoney,
  formatPercent,
  formatTimezone,
  formatTokens,
  formatUnitMoney,
  TOKEN_CLASS_LABELS,
  TOKEN_CLASS_NAMES,
} from "@/lib/format";
import { useCostsQuery, type ReadParams } from "@/lib/query/hooks";
import { MoneyChange } from "./change";
import { CsvButton } from "./csv-button";
import styles from "./dashboard.module.css";
import { Kpi, KpiSkeleton } from "@/components/kpi";
import { ModelCompare, type CompareTarget } from "./model-compare";
import type { ModelOption } from "./model-options";
import { detailParams } from "./detail-params";
import { eventsHref } from "./events-link";
import { RankList } from "./rank-list";
import { dashboardPath, detailHref, DIMENSION_INFO, type DashboardScope, type DimensionKind } from "./scope";
import { SpendOverTime } from "./spend-over-time";
import { ErrorState, TableSkeleton } from "@/components/states";
import { useUrlState } from "@/components/url-state";

export function DimensionDetail({
  scope,
  kind,
  entityKey,
  modelOptions,
}: {
  scope: DashboardScope;
  kind: DimensionKind;
  entityKey: string;
  modelOptions: ModelOption[];
}) {
  const url = useUrlState();
  const info = DIMENSION_INFO[kind];
  const { filters, provider, stackBy, breakdowns } = detailParams(kind, entityKey, url.get);
  const [first, second] = breakdowns;

  const own = useCostsQuery(scope.projectId, { ...url.range, ...filters, group_by: kind });
  const row = own.data?.rows.find((item) => item.key === entityKey && (!provider || item.provider === provider));
  const label = seriesLabel(entityKey, false);
  const compareTarget: CompareTarget =
    kind === "model"
      ? { dimension: "all", filters, label, currentModel: entityKey }
      : { dimension: kind, key: entityKey, label };

  return (
    <div className={styles.page}>
      <div>
        <AppLink className={styles.backLink} href={dashboardPath(scope, `${info.segment}${url.rangeQuery}`)}>
          ← All {info.plural}
        </AppLink>
      </div>
      <PageHeader
        title={provider ? `${label} · ${provider}` : label}
        description={
          own.data
            ? `${info.title.slice(0, -1)} · ${formatDay(own.data.period.from, true)} – ${formatDay(own.data.period.to, true)} · times in ${formatTimezone(own.data.period.timezone)}`
            : info.title.slice(0, -1)
        }
      />
      {own.isError && !own.data && (
        <ErrorState what={`this ${info.singular}`} error={own.error} onRetry={() => own.refetch()} />
      )}
      {!own.data && !own.isError && <KpiSkeleton count={6} />}
      {own.data && (
        <div style={{ opacity: own.isPlaceholderData ? 0.6 : 1 }} data-stale={own.isPlaceholderData}>
          {row ? <DetailKpis row={row} /> : <p className="muted">No usage of this {info.singular} in the period.</p>}
        </div>
      )}
      {kind === "customer" && own.data && (
        <CustomerBilling projectId={scope.projectId} customer={entityKey} period={own.data.period} />
      )}
      <SpendOverTime
        projectId={scope.projectId}
        params={{ ...url.range, ...filters }}
        stackBy={stackBy}
        choices={[first, second]}
        onStackBy={(next) => url.set({ stack: next === first ? null : next })}
        segmentHref={(bucket, series) =>
          eventsHref(
            scope,
            { ...filters, ...(series.isOther ? {} : { [stackBy]: series.key }) },
            { from: bucket.bucket, to: bucket.lastDay },
          )
        }
      />
      <div className={styles.grid2}>
        <Breakdown scope={scope} by={first} filters={filters} range={url.range} rangeQuery={url.rangeQuery} />
        <Breakdown scope={scope} by={second} filters={filters} range={url.range} rangeQuery={url.rangeQuery} />
      </div>
      {row && (
        <TokenClasses
          row={row}
          csv={
            <CsvButton
              path="costs"
              projectId={scope.projectId}
              params={{ ...url.range, ...filters, group_by: kind }}
              filename={`${info.singular}-tokens.csv`}
            />
          }
        />
      )}
      <ModelCompare projectId={scope.projectId} range={url.range} target={compareTarget} options={modelOptions} />
    </div>
  );
}

function DetailKpis({ row }: { row: CostRow }) {
  return (
    <div className={styles.kpis} data-testid="kpis">
      <Kpi
        testId="kpi-spend"
        label="Spend"
        value={formatMoney(row.spend)}
        foot={
          row.previous_spend === null ? undefined : (
            <>
              <MoneyChange current={row.spend} previous={row.previous_spend} /> vs {formatMoney(row.previous_spend)}
            </>
          )
        }
      />
      <Kpi
        testId="kpi-requests"
        label="Requests"
        value={formatCount(row.requests)}
        foot={`${row.error_rate === null ? "—" : formatPercent(row.error_rate)} errors`}
      />
      <Kpi
        testId="kpi-cost-per-request"
        label="Cost per request"
        value={row.cost_per_request === null ? "—" : formatUnitMoney(row.cost_per_request)}
      />
      <Kpi
        label="Tokens"
        value={formatTokens(row.tokens.total)}
        foot={`${row.cache_hit_rate === null ? "—" : formatPercent(row.cache_hit_rate)} of prompt tokens from cache`}
      />
      <Kpi
        label="Latency p50 / p95"
        value={`${formatLatency(row.latency.p50_ms)} / ${formatLatency(row.latency.p95_ms)}`}
        foot="from the daily histograms (±15 %)"
      />
      <Kpi
        label={row.unpriced_events > 0 ? "Unpriced events" : "GPU spend"}
        value={row.unpriced_events > 0 ? formatCount(row.unpriced_events) : formatMoney(row.gpu_spend)}
        warn={row.unpriced_events > 0}
        foot={gpuFoot(row)}
      />
    </div>
  );
}

function gpuFoot(row: CostRow): string {
  if (row.unpriced_events > 0) return "not in spend until a price is added";
  if (Number(row.gpu_seconds) === 0) return "no self-hosted GPU usage";
  return `${formatGpuTime(row.gpu_seconds)} of GPU time`;
}

function Breakdown({
  scope,
  by,
  filters,
  range,
  rangeQuery,
}: {
  scope: DashboardScope;
  by: DimensionKind;
  filters: ReadParams;
  range: ReadParams;
  rangeQuery: string;
}) {
  const params = { ...range, ...filters, group_by: by };
  const query = useCostsQuery(scope.projectId, params);
  const info = DIMENSION_INFO[by];
  const breakdown = useMemo(() => (query.data ? prepareBreakdown(query.data.rows, 8) : null), [query.data]);
  return (
    <section className="card" aria-label={`By ${info.singular}`} data-testid={`breakdown-${by}`}>
      <div className={styles.sectionHead}>
        <h2>By {info.singular}</h2>
        {query.data && (
          <span className={styles.sub}>
            {formatCount(query.data.rows.length)} {query.data.rows.length === 1 ? info.singular : info.plural}
          </span>
        )}
        <div className="spacer" />
        <CsvButton path="costs" projectId={scope.projectId} params={params} filename={`by-${by}.csv`} />
      </div>
      {query.isError && !query.data && (
        <ErrorState what={`the ${info.plural}`} error={query.error} onRetry={() => query.refetch()} />
      )}
      {!breakdown && !query.isError && <TableSkeleton rows={5} columns={2} />}
      {breakdown && (
        <RankList
          items={breakdown.items}
          emptyText={`No ${info.plural} in this period.`}
          hrefFor={(item) => detailHref(scope, by, item.key, item.provider, rangeQuery)}
        />
      )}
    </section>
  );
}

function TokenClasses({ row, csv }: { row: CostRow; csv: ReactNode }) {
  const classes = TOKEN_CLASS_NAMES.filter((name) => row.tokens[name] > 0);
  if (classes.length === 0) return null;
  return (
    <section className="card" aria-label="Tokens by class">
      <div className={styles.sectionHead}>
        <h2>Tokens by class</h2>
        <span className={styles.sub}>classes do not overlap: cached tokens are not inside input</span>
        <div className="spacer" />
        {csv}
      </div>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Class</th>
            <th className="num">Tokens</th>
            <th className="num">Share</th>
            <th className="num">Per request</th>
          </tr>
        </thead>
        <tbody>
          {classes.map((name) => (
            <tr key={name}>
              <td>{TOKEN_CLASS_LABELS[name]}</td>
              <td className="num">{formatCount(row.tokens[name])}</td>
              <td className="num">{formatPercent(row.tokens[name] / row.tokens.total)}</td>
              <td className="num">{row.requests ? formatCount(Math.round(row.tokens[name] / row.requests)) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
