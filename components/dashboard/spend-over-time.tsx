"use client";

/** The "spend over time" card: stacked by a switchable dimension, with legend and states. */
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { StackedSpendChart } from "@/components/charts/lazy";
import { SeriesLegend } from "@/components/charts/series-legend";
import { prepareStackedSpend, type StackedChart, type StackRow, type StackSeries } from "@/lib/charts";
import type { StackBy } from "@/lib/analytics/contracts";
import { useTimeseriesQuery, type ReadParams } from "@/lib/query/hooks";
import styles from "./dashboard.module.css";
import { CHART_SERIES } from "./scope";
import { ErrorState, Skeleton } from "@/components/states";

const STACK_LABELS: Record<StackBy, string> = {
  feature: "Feature",
  model: "Model",
  customer: "Customer",
  provider: "Provider",
};

export function SpendOverTime({
  projectId,
  params,
  stackBy,
  choices,
  onStackBy,
  title = "Spend over time",
  segmentHref,
}: {
  projectId: string;
  params: ReadParams;
  stackBy: StackBy;
  choices: StackBy[];
  onStackBy: (next: StackBy) => void;
  title?: string;
  /** Where a click on a bar segment leads: that series' slice over the bucket's days. */
  segmentHref?: (row: StackRow, series: StackSeries) => string;
}) {
  const router = useRouter();
  const query = useTimeseriesQuery(projectId, { ...params, stack_by: stackBy, top: String(CHART_SERIES) });
  const chart = useMemo(() => (query.data ? prepareStackedSpend(query.data, { maxSeries: 6 }) : null), [query.data]);
  return (
    <section className="card" aria-label={title}>
      <div className={styles.sectionHead}>
        <h2>{title}</h2>
        {query.data && (
          <span className={styles.sub}>
            per {chart?.granularity ?? "day"} · {query.data.period.timezone}
          </span>
        )}
        <div className="spacer" />
        {choices.length > 1 && (
          <div className={styles.segmented} role="group" aria-label="Stack by">
            {choices.map((choice) => (
              <button key={choice} type="button" aria-pressed={choice === stackBy} onClick={() => onStackBy(choice)}>
                By {STACK_LABELS[choice].toLowerCase()}
              </button>
            ))}
          </div>
        )}
      </div>
      <ChartBody
        query={query}
        chart={chart}
        onSegment={segmentHref ? (row, series) => router.push(segmentHref(row, series)) : undefined}
      />
    </section>
  );
}

function ChartBody({
  query,
  chart,
  onSegment,
}: {
  query: ReturnType<typeof useTimeseriesQuery>;
  chart: StackedChart | null;
  onSegment?: (row: StackRow, series: StackSeries) => void;
}) {
  if (query.isError && !query.data)
    return <ErrorState what="the spend chart" error={query.error} onRetry={() => query.refetch()} />;
  if (!chart) {
    return (
      <div style={{ padding: 20 }}>
        <Skeleton height={260} />
      </div>
    );
  }
  if (chart.empty)
    return (
      <p className="muted" style={{ padding: "48px 20px", textAlign: "center" }}>
        No spend in this period.
      </p>
    );
  return (
    <div
      style={{ opacity: query.isPlaceholderData ? 0.6 : 1, transition: "opacity 120ms" }}
      data-stale={query.isPlaceholderData}
    >
      <StackedSpendChart chart={chart} onSegment={onSegment} />
      <SeriesLegend chart={chart} />
    </div>
  );
}
