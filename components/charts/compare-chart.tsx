"use client";

/** Draws a prepared model comparison (lib/charts/compare): actual and what-if bars per bucket. */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { labelInterval, type CompareChart as Prepared } from "@/lib/charts";
import { formatMoney } from "@/lib/format";
import { moneyYAxis, X_AXIS } from "./money-axis";
import styles from "@/components/dashboard/dashboard.module.css";

const ACTUAL_COLOR = "#4f46e5";
const WHAT_IF_COLOR = "#f59e0b";

type Row = Prepared["rows"][number];

export function CompareChart({
  chart,
  targetLabel,
  height = 220,
}: {
  chart: Prepared;
  targetLabel: string;
  height?: number;
}) {
  return (
    <div style={{ height, padding: "8px 8px 0 0" }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={chart.rows} margin={{ top: 4, right: 8, bottom: 0, left: 8 }} barGap={1} barCategoryGap="20%">
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" interval={labelInterval(chart.rows.length, 10) - 1} {...X_AXIS} />
          <YAxis {...moneyYAxis(chart.scale)} />
          <Tooltip
            cursor={{ fill: "rgba(79, 70, 229, 0.06)" }}
            content={({ active, payload }) => {
              const row = active ? (payload?.[0]?.payload as Row | undefined) : undefined;
              if (!row) return null;
              return (
                <div className={styles.tooltip}>
                  <h4>{row.label}</h4>
                  <div className={styles.tooltipRow}>
                    <span>
                      <span className={styles.swatch} style={{ background: ACTUAL_COLOR }} />
                      Actual
                    </span>
                    <span className="num">{formatMoney(row.exactActual)}</span>
                  </div>
                  <div className={styles.tooltipRow}>
                    <span>
                      <span className={styles.swatch} style={{ background: WHAT_IF_COLOR }} />
                      On {targetLabel}
                    </span>
                    <span className="num">{formatMoney(row.exactCounterfactual)}</span>
                  </div>
                </div>
              );
            }}
          />
          <Bar dataKey="actual" name="Actual" fill={ACTUAL_COLOR} isAnimationActive={false} />
          <Bar dataKey="counterfactual" name={`On ${targetLabel}`} fill={WHAT_IF_COLOR} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
