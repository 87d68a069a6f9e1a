/** The stacked spend chart's legend: plain markup, so it paints with the page, before the chart's script. */
import type { StackedChart } from "@/lib/charts";
import { formatMoney } from "@/lib/format";
import styles from "@/components/dashboard/dashboard.module.css";

/** The chart's legend with each series' exact total, largest first (Other last). */
export function SeriesLegend({ chart }: { chart: StackedChart }) {
  return (
    <div className={styles.legend} data-testid="chart-legend">
      {chart.series.map((series) => (
        <span
          key={series.dataKey}
          className={styles.legendItem}
          title={series.provider ? `${series.label} (${series.provider})` : series.label}
        >
          <span className={styles.swatch} style={{ background: series.color }} />
          <span style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", color: "var(--text-2)" }}>
            {series.label}
          </span>
          <span>{formatMoney(series.total)}</span>
        </span>
      ))}
    </div>
  );
}
