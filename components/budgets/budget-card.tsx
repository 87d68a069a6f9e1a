"use client";

import type { BudgetStatus } from "@/lib/budgets/contracts";
import { formatUsd, usdToFemto } from "@/lib/money";
import dynamic from "next/dynamic";
import { chartPlaceholder } from "@/components/charts/lazy";
import styles from "./budgets.module.css";
import { UsageBar } from "@/components/usage-bar";

/** Loaded on demand, like every chart (components/charts/lazy.tsx). */
const BudgetSpendChart = dynamic(() => import("./spend-chart").then((module) => module.SpendChart), {
  ssr: false,
  loading: chartPlaceholder(210),
});

const usd = (amount: string) => formatUsd(usdToFemto(amount));

function scopeLabel(scope: Record<string, string>): string {
  const parts = Object.entries(scope).map(([dim, value]) => `${dim}: ${value}`);
  return parts.length ? parts.join(" × ") : "Whole project";
}

export function BudgetCard({
  status,
  canManage,
  onMute,
  onDelete,
}: {
  status: BudgetStatus;
  canManage: boolean;
  onMute: () => void;
  onDelete: () => void;
}) {
  const { budget, window, forecast } = status;
  const pct = Math.round(status.used * 1000) / 10;
  const forecastPct = forecast ? (Number(forecast.amount) / Number(budget.amount)) * 100 : null;
  return (
    <section className="card card-body" data-testid="budget-card" data-budget={budget.id}>
      <div className={styles.title}>
        <h3>{budget.name}</h3>
        <span className="row">
          {budget.muted && <span className="badge">Muted</span>}
          {status.breached ? (
            <span className="badge badge-bad">Over budget</span>
          ) : pct >= 80 ? (
            <span className="badge">≥ 80%</span>
          ) : null}
        </span>
      </div>
      <div className={styles.scope}>
        {scopeLabel(budget.scope)} · {budget.period === "custom" ? "custom" : budget.period} {window.from} to{" "}
        {window.to} · {budget.cost_basis === "fully_loaded" ? "fully loaded (GPU idle included)" : "usage cost"}
      </div>
      <UsageBar label={`${budget.name}: ${pct}% of budget used`} percent={pct} over={status.breached}>
        {forecastPct !== null && (
          <div
            className={styles.forecastMark}
            style={{ left: `${Math.min(100, forecastPct)}%` }}
            title={`Forecast ${usd(forecast!.amount)}`}
          />
        )}
      </UsageBar>
      <div className={styles.figures}>
        <strong data-testid="budget-spent">
          {usd(status.spent)} of {usd(budget.amount)} ({pct}%)
        </strong>
        <span className="muted">{usd(status.remaining)} left</span>
      </div>
      <ul className={styles.facts}>
        {forecast && (
          <li>
            Forecast at period end: <strong>{usd(forecast.amount)}</strong> (95% band {usd(forecast.low)} to{" "}
            {usd(forecast.high)}) · mean {usd(forecast.daily_mean)}/day over {forecast.basis_from} to{" "}
            {forecast.basis_to}
          </li>
        )}
        {status.breached_on && <li>Breached on {status.breached_on}</li>}
        {!status.breached_on && (
          <li>
            {status.projected_breach_date
              ? `Projected breach: ${status.projected_breach_date}`
              : "No breach projected this period"}
          </li>
        )}
        <li className="muted">
          Alerts at {budget.actual_thresholds.map((t) => `${t}%`).join(", ") || "no thresholds"} of actual spend
          {budget.forecast_thresholds.length
            ? `; ${budget.forecast_thresholds.map((t) => `${t}%`).join(", ")} of forecast`
            : ""}
        </li>
      </ul>
      <BudgetSpendChart status={status} />
      {canManage && (
        <div className="row" style={{ marginTop: 10 }}>
          <button className="btn btn-sm" type="button" onClick={onMute}>
            {budget.muted ? "Unmute alerts" : "Mute alerts"}
          </button>
          <button className="btn btn-sm btn-danger" type="button" onClick={onDelete}>
            Delete
          </button>
        </div>
      )}
    </section>
  );
}
