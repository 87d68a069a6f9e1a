"use client";

import type { BudgetStatus } from "@/lib/budgets/types";
import { addDays, dayToNumber } from "@/lib/calendar/days";
import styles from "./budgets.module.css";

/**
 * Cumulative spend over the budget's period (solid), the forecast from today to the period's
 * end (dashed, with its band), the budget line, and a marker on the (projected) breach date.
 */
export function SpendChart({ status }: { status: BudgetStatus }) {
  const { window } = status;
  const width = 360;
  const height = 110;
  const start = dayToNumber(window.from);
  const amount = Number(status.budget.amount);
  const forecastHigh = status.forecast ? Number(status.forecast.high) : 0;
  const top = Math.max(amount, Number(status.spent), forecastHigh) * 1.1 || 1;
  const x = (day: string) => ((dayToNumber(day) - start + 1) / window.days) * width;
  const y = (value: number) => height - (value / top) * height;
  const byDay = new Map(status.daily.map((point) => [point.day, Number(point.spend)]));
  const through = window.today < window.to ? window.today : window.to;
  const points: string[] = [`0,${height}`];
  let running = 0;
  for (let day = window.from; day <= through; day = addDays(day, 1)) {
    running += byDay.get(day) ?? 0;
    points.push(`${x(day).toFixed(1)},${y(running).toFixed(1)}`);
  }
  const breach = status.breached_on ?? status.projected_breach_date;
  return (
    <div>
      <svg
        className={styles.chart}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Cumulative spend against the budget of $${status.budget.amount}`}
      >
        <line x1={0} x2={width} y1={y(amount)} y2={y(amount)} stroke="#b91c1c" strokeDasharray="2 3" />
        {status.forecast && window.started && (
          <>
            <polygon
              points={`${x(through)},${y(running)} ${width},${y(Number(status.forecast.high))} ${width},${y(Number(status.forecast.low))}`}
              fill="#4f46e5"
              opacity={0.12}
            />
            <line
              x1={x(through)}
              y1={y(running)}
              x2={width}
              y2={y(Number(status.forecast.amount))}
              stroke="#4f46e5"
              strokeDasharray="5 4"
            />
          </>
        )}
        <polyline points={points.join(" ")} fill="none" stroke="#4f46e5" strokeWidth={2} />
        {breach && <line x1={x(breach)} x2={x(breach)} y1={0} y2={height} stroke="#b91c1c" />}
      </svg>
      <div className={styles.legend}>
        <span>— spend to date</span>
        <span>- - forecast (95% band shaded)</span>
        <span style={{ color: "#b91c1c" }}>
          ··· budget{breach ? ` · | ${status.breached_on ? "breached" : "projected breach"} ${breach}` : ""}
        </span>
      </div>
    </div>
  );
}
