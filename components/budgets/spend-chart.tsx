"use client";

/** Draws a budget's prepared spend chart (lib/charts/budget-spend). No decisions here. */
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { prepareBudgetSpend, type BudgetSpendRow } from "@/lib/charts";
import type { BudgetStatus } from "@/lib/budgets/contracts";
import { formatDay, formatMoney } from "@/lib/format";
import { moneyYAxis, X_AXIS } from "@/components/charts/money-axis";
import styles from "./budgets.module.css";

const SPEND = "#4f46e5";
const LIMIT = "#b91c1c";

export function SpendChart({ status }: { status: BudgetStatus }) {
  const chart = prepareBudgetSpend(status);
  const breachLabel = chart.breach
    ? `${chart.breach.kind === "breached" ? "Breached" : "Projected breach"} ${formatDay(chart.breach.day)}`
    : null;
  return (
    <div>
      <div
        className={styles.chart}
        data-testid="budget-chart"
        role="img"
        aria-label={`Cumulative spend against the budget of ${formatMoney(status.budget.amount)}`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={chart.rows} margin={{ top: 16, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis
              dataKey="day"
              ticks={chart.dayTicks}
              interval="preserveStartEnd"
              tickFormatter={(day: string) => formatDay(day)}
              {...X_AXIS}
            />
            <YAxis {...moneyYAxis(chart.scale, 52)} />
            <Tooltip
              content={({ active, payload }) =>
                active && payload?.[0] ? <DayTooltip row={payload[0].payload as BudgetSpendRow} /> : null
              }
            />
            <Area dataKey="band" stroke="none" fill={SPEND} fillOpacity={0.12} isAnimationActive={false} />
            <Line dataKey="forecast" stroke={SPEND} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
            <Line dataKey="spend" stroke={SPEND} strokeWidth={2} dot={false} isAnimationActive={false} />
            <ReferenceLine
              y={chart.budget}
              stroke={LIMIT}
              strokeDasharray="2 3"
              label={{
                value: `Budget ${formatMoney(status.budget.amount)}`,
                position: chart.budgetLabel === "above-start" ? "insideBottomLeft" : "insideTopRight",
                fontSize: 11,
                fill: LIMIT,
              }}
            />
            {chart.breach && breachLabel && (
              <ReferenceLine
                x={chart.breach.day}
                stroke={LIMIT}
                label={{
                  value: breachLabel,
                  position: chart.breach.labelSide === "after" ? "insideBottomLeft" : "insideBottomRight",
                  fontSize: 11,
                  fill: LIMIT,
                }}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <div className={styles.legend}>
        <span>— spend to date</span>
        <span>- - forecast (95% band shaded)</span>
        <span style={{ color: LIMIT }}>··· budget</span>
      </div>
    </div>
  );
}

function DayTooltip({ row }: { row: BudgetSpendRow }) {
  const { spend, forecast, low, high } = row.exact;
  return (
    <div className={styles.tooltip}>
      <strong>{formatDay(row.day, true)}</strong>
      {spend !== null && <div>Spent to date: {formatMoney(spend)}</div>}
      {forecast !== null && low !== null && high !== null && (
        <div>
          Forecast: {formatMoney(forecast)} ({formatMoney(low)} to {formatMoney(high)})
        </div>
      )}
    </div>
  );
}
