"use client";

/** Draws a prepared stacked-spend chart (lib/charts/stacked-spend). No decisions here. */
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { labelInterval, type StackedChart, type StackRow, type StackSeries } from "@/lib/charts";
import { formatMoney } from "@/lib/format";
import { moneyYAxis, X_AXIS } from "./money-axis";
import styles from "@/components/dashboard/dashboard.module.css";

/** `hrefFor` makes each bar segment a drill-down to its slice (that series on that bucket's days). */
export function StackedSpendChart({
  chart,
  height = 300,
  maxLabels = 12,
  onSegment,
}: {
  chart: StackedChart;
  height?: number;
  maxLabels?: number;
  onSegment?: (row: StackRow, series: StackSeries) => void;
}) {
  const interval = labelInterval(chart.rows.length, maxLabels) - 1;
  return (
    <div style={{ height, padding: "12px 12px 4px 0" }} data-testid="spend-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={chart.rows} margin={{ top: 4, right: 8, bottom: 0, left: 8 }} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" interval={interval} {...X_AXIS} />
          <YAxis {...moneyYAxis(chart.scale)} />
          <Tooltip
            cursor={{ fill: "rgba(79, 70, 229, 0.06)" }}
            content={({ active, payload }) =>
              active && payload?.[0] ? <SpendTooltip chart={chart} row={payload[0].payload as StackRow} /> : null
            }
          />
          {chart.series.map((series) => (
            <Bar
              key={series.dataKey}
              dataKey={series.dataKey}
              name={series.label}
              stackId="spend"
              fill={series.color}
              isAnimationActive={false}
              cursor={onSegment ? "pointer" : undefined}
              onClick={onSegment ? (_, index) => onSegment(chart.rows[index]!, series) : undefined}
            >
              {chart.rows.map((row) => (
                <Cell key={row.bucket} fillOpacity={row.partial ? 0.45 : 1} />
              ))}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function SpendTooltip({ chart, row }: { chart: StackedChart; row: StackRow }) {
  return (
    <div className={styles.tooltip}>
      <h4>{row.label}</h4>
      {row.partial && <div className="muted small">Today so far: the day is still running</div>}
      {row.gap ? (
        <div className="muted">No events yet</div>
      ) : (
        <>
          {[...chart.series].reverse().map((series) => (
            <div key={series.dataKey} className={styles.tooltipRow}>
              <span>
                <span className={styles.swatch} style={{ background: series.color }} />
                {series.label}
              </span>
              <span className="num">{formatMoney(row.exact[series.dataKey] ?? "0")}</span>
            </div>
          ))}
          <div className={`${styles.tooltipRow} ${styles.tooltipTotal}`}>
            <span>Total</span>
            <span className="num">{formatMoney(row.total)}</span>
          </div>
        </>
      )}
    </div>
  );
}
