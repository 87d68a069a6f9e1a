"use client";

/** The overview: the period's spend and unit figures, spend over time, top lists, anomalies. */
import { AppLink } from "@/components/app-link";
import { useMemo } from "react";
import { RecentAnomalies } from "@/components/anomalies/recent-anomalies";
import { PageHeader } from "@/components/page-header";
import type { StackBy, SummaryResponse, TopItem } from "@/lib/analytics/contracts";
import { comparisonLabel } from "@/lib/analytics/date-range";
import { formatWindow } from "@/lib/analytics/period";
import { prepareBreakdown } from "@/lib/charts";
import {
  cacheHitRate,
  costPerRequest,
  formatCount,
  formatDay,
  formatGpuTime,
  formatMoney,
  formatPercent,
  formatTimezone,
  formatUnitMoney,
  percentChange,
} from "@/lib/format";
import { useSummaryQuery } from "@/lib/query/hooks";
import { ChangeBadge, MoneyChange } from "./change";
import styles from "./dashboard.module.css";
import { Kpi, KpiSkeleton } from "@/components/kpi";
import { RankList } from "./rank-list";
import {
  dashboardPath,
  detailHref,
  DIMENSION_INFO,
  OVERVIEW_STACKS,
  type DashboardScope,
  type DimensionKind,
} from "./scope";
import { SpendOverTime } from "./spend-over-time";
import { ErrorState } from "@/components/states";
import { useUrlState } from "@/components/url-state";

const STACK_CHOICES: StackBy[] = [...OVERVIEW_STACKS];

export function Overview({ scope }: { scope: DashboardScope }) {
  const url = useUrlState();
  const summary = useSummaryQuery(scope.projectId, url.range);
  const stackParam = url.get("stack");
  const stackBy: StackBy = STACK_CHOICES.find((choice) => choice === stackParam) ?? "feature";
  const data = summary.data;
  const whole = useMemo(
    () => (data ? { spend: data.spend, requests: data.requests } : { spend: "0", requests: 0 }),
    [data],
  );

  return (
    <div className={styles.page}>
      <PageHeader
        title="Overview"
        description={data ? periodLine(data) : "Spend, volume and unit costs for this project"}
      />
      {summary.isError && !data && (
        <ErrorState what="the overview" error={summary.error} onRetry={() => summary.refetch()} />
      )}
      {!data && !summary.isError && <KpiSkeleton count={6} />}
      {data && (
        <div style={{ opacity: summary.isPlaceholderData ? 0.6 : 1 }} data-stale={summary.isPlaceholderData}>
          <Kpis scope={scope} data={data} />
        </div>
      )}
      <SpendOverTime
        projectId={scope.projectId}
        params={url.range}
        stackBy={stackBy}
        choices={STACK_CHOICES}
        onStackBy={(next) => url.set({ stack: next === "feature" ? null : next })}
        segmentHref={(row, series) =>
          series.isOther
            ? dashboardPath(
                scope,
                `${DIMENSION_INFO[stackBy as DimensionKind].segment}?from=${row.bucket}&to=${row.lastDay}`,
              )
            : detailHref(
                scope,
                stackBy as DimensionKind,
                series.key,
                series.provider,
                `?from=${row.bucket}&to=${row.lastDay}`,
              )
        }
      />
      {data && (
        <div className={styles.grid3}>
          <TopCard scope={scope} kind="feature" items={data.top.features} rangeQuery={url.rangeQuery} whole={whole} />
          <TopCard scope={scope} kind="customer" items={data.top.customers} rangeQuery={url.rangeQuery} whole={whole} />
          <TopCard scope={scope} kind="model" items={data.top.models} rangeQuery={url.rangeQuery} whole={whole} />
        </div>
      )}
      <section className="card" aria-label="Anomalies">
        <div className={styles.sectionHead}>
          <h2>Anomalies</h2>
          <span className={styles.sub}>open cost anomalies detected in this period</span>
          <div className="spacer" />
          <AppLink className="small" href={dashboardPath(scope, `anomalies${url.rangeQuery}`)}>
            All anomalies →
          </AppLink>
        </div>
        {data ? (
          <RecentAnomalies
            projectId={scope.projectId}
            orgSlug={scope.orgSlug}
            projectSlug={scope.projectSlug}
            range={{ from: data.period.from, to: data.period.to }}
          />
        ) : (
          <p className="muted small" style={{ padding: "12px 16px" }}>
            {summary.isError ? "Anomalies show once the period loads." : "Loading anomalies…"}
          </p>
        )}
      </section>
    </div>
  );
}

function periodLine(data: SummaryResponse): string {
  const { period } = data;
  const partial = period.partial_day ? `, ${formatDay(period.partial_day)} partial` : "";
  return `${formatWindow(period.from, period.to)} (${period.days} days${partial}) ${comparisonLabel(data.previous_period, data.comparison)} · times in ${formatTimezone(period.timezone)}`;
}

function Kpis({ scope, data }: { scope: DashboardScope; data: SummaryResponse }) {
  const perRequest = costPerRequest(data.spend, data.requests);
  const previousPerRequest = costPerRequest(data.previous_spend, data.previous_requests);
  const hitRate = cacheHitRate(data.tokens);
  // A project younger than the comparison window has nothing to compare with: say so, not "new".
  const hadPrevious = data.previous_requests > 0;
  const pricesHref = dashboardPath(scope, "settings/prices");
  return (
    <div className={styles.kpis} data-testid="kpis">
      <Kpi
        testId="kpi-spend"
        label="Spend"
        value={formatMoney(data.spend)}
        foot={
          hadPrevious ? (
            <>
              <MoneyChange current={data.spend} previous={data.previous_spend} /> vs {formatMoney(data.previous_spend)}{" "}
              on{" "}
              <span data-testid="comparison-window">
                {formatWindow(data.previous_period.from, data.previous_period.to)}
              </span>
            </>
          ) : (
            `no usage on ${formatWindow(data.previous_period.from, data.previous_period.to)} to compare with`
          )
        }
      />
      {data.fully_loaded_spend !== null && data.fully_loaded_spend !== data.spend && (
        <Kpi
          testId="kpi-fully-loaded"
          label="Fully loaded cost"
          value={formatMoney(data.fully_loaded_spend)}
          foot="spend + idle GPU pool time + fixed costs: what the period cost"
        />
      )}
      <Kpi
        testId="kpi-requests"
        label="Requests"
        value={formatCount(data.requests)}
        foot={
          <>
            {hadPrevious && (
              <>
                <ChangeBadge change={percentChange(data.requests, data.previous_requests)} polarity="neutral" /> ·{" "}
              </>
            )}
            {data.requests ? `${formatPercent(data.error_events / data.requests)} errors` : "no requests"}
          </>
        }
      />
      <Kpi
        testId="kpi-cost-per-request"
        label="Cost per request"
        value={perRequest ? formatUnitMoney(perRequest) : "—"}
        foot={
          perRequest && previousPerRequest ? (
            <>
              <MoneyChange current={perRequest} previous={previousPerRequest} /> vs{" "}
              {formatUnitMoney(previousPerRequest)}
            </>
          ) : (
            "nothing to compare with the period before"
          )
        }
      />
      {!data.period.partial_day && (
        <Kpi
          testId="kpi-today"
          label={`Today so far · partial`}
          value={formatMoney(data.today.spend)}
          foot={`${formatCount(data.today.requests)} requests on ${formatDay(data.today.day)}, not in the period above`}
        />
      )}
      <Kpi
        testId="kpi-cache"
        label="Cache hit rate"
        value={hitRate === null ? "—" : formatPercent(hitRate)}
        foot="of prompt tokens served from cache"
      />
      <Kpi
        testId="kpi-gpu"
        label="Self-hosted GPU spend"
        value={formatMoney(data.gpu.spend)}
        foot={
          data.gpu.idle_share === null ? (
            <span title={data.gpu.idle_reason ?? undefined}>
              {formatGpuTime(data.gpu.gpu_seconds)} of GPU time · idle share unknown
            </span>
          ) : (
            <span
              title={data.gpu.pool_cost ? `Pools cost ${formatMoney(data.gpu.pool_cost)} in the period` : undefined}
            >
              <strong>{formatPercent(data.gpu.idle_share)}</strong> of paid pool time idle
              {data.gpu.idle_cost ? ` (${formatMoney(data.gpu.idle_cost)})` : ""}
            </span>
          )
        }
      />
      <Kpi
        testId="kpi-unpriced"
        warn={data.unpriced.events > 0}
        label="Unpriced events"
        value={formatCount(data.unpriced.events)}
        foot={
          data.unpriced.events > 0 ? (
            <>
              {data.unpriced.models
                .slice(0, 2)
                .map((model) => model.model)
                .join(", ")}
              {data.unpriced.models.length > 2 ? ` +${data.unpriced.models.length - 2}` : ""} ·{" "}
              <AppLink href={pricesHref}>{scope.canEditPrices ? "Add prices" : "See prices"}</AppLink>
            </>
          ) : (
            "every event has a price"
          )
        }
      />
    </div>
  );
}

function TopCard({
  scope,
  kind,
  items,
  rangeQuery,
  whole,
}: {
  scope: DashboardScope;
  kind: DimensionKind;
  items: TopItem[];
  rangeQuery: string;
  whole: { spend: string; requests: number };
}) {
  const info = DIMENSION_INFO[kind];
  const breakdown = useMemo(
    () =>
      prepareBreakdown(
        items.map((item) => ({ key: item.key, provider: item.provider, spend: item.spend, requests: item.requests })),
        5,
        whole,
      ),
    [items, whole],
  );
  return (
    <section className="card" aria-label={`Top ${info.plural}`} data-testid={`top-${info.plural}`}>
      <div className={styles.sectionHead}>
        <h2>Top {info.plural}</h2>
      </div>
      <RankList
        items={breakdown.items}
        emptyText={`No ${info.plural} in this period.`}
        hrefFor={(item) => detailHref(scope, kind, item.key, item.provider, rangeQuery)}
      />
      <div className={styles.rankFoot}>
        <AppLink href={dashboardPath(scope, `${info.segment}${rangeQuery}`)}>All {info.plural} →</AppLink>
      </div>
    </section>
  );
}
