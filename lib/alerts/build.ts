/** The alert messages of a budget crossing, an anomaly and a test, with links into the app. */
import { projectPagePath as projectPath } from "@/lib/digest/view-model";
import { formatUsd, usdToFemto } from "@/lib/money";
import { absoluteUrl } from "@/lib/digest/links";
import type { BudgetStatus } from "@/lib/budgets/contracts";
import { ALERT_SCHEMA_VERSION, type AlertMessage } from "./message";

export interface Where {
  baseUrl: string;
  organization: { id: string; slug: string; name: string };
  project: { id: string; slug: string; name: string } | null;
}

const usd = (amount: string) => formatUsd(usdToFemto(amount));

function scopeText(scope: Record<string, string>): string {
  const parts = Object.entries(scope).map(([dim, value]) => `${dim} ${value}`);
  return parts.length ? parts.join(" × ") : "whole project";
}

function budgetAlertKey(status: BudgetStatus, kind: "actual" | "forecast", threshold: number): string {
  return `budget:${status.budget.id}:${status.window.from}:${kind}:${threshold}`;
}

export function budgetMessage(
  where: Where,
  status: BudgetStatus,
  kind: "actual" | "forecast",
  threshold: number,
  now: Date,
): AlertMessage {
  const { budget, window } = status;
  const forecast = status.forecast?.amount ?? null;
  const title =
    kind === "actual"
      ? `Budget “${budget.name}” reached ${threshold}% (${usd(status.spent)} of ${usd(budget.amount)})`
      : `Budget “${budget.name}” is forecast to reach ${threshold}% by ${window.to} (${usd(forecast ?? "0")} of ${usd(budget.amount)})`;
  const facts = [
    { label: "Spent", value: `${usd(status.spent)} (${Math.floor(status.used * 1000) / 10}%)` },
    { label: "Budget", value: `${usd(budget.amount)} · ${window.from} to ${window.to}` },
    { label: "Slice", value: scopeText(budget.scope) },
    { label: "Cost basis", value: budget.cost_basis === "fully_loaded" ? "fully loaded (GPU idle included)" : "usage" },
  ];
  if (status.forecast)
    facts.push({
      label: "Forecast",
      value: `${usd(status.forecast.amount)} (95%: ${usd(status.forecast.low)} to ${usd(status.forecast.high)})`,
    });
  if (status.projected_breach_date) facts.push({ label: "Projected breach", value: status.projected_breach_date });
  const summary =
    kind === "actual"
      ? `Spend on ${scopeText(budget.scope)} this period has passed ${threshold}% of its budget.`
      : `At the trailing 7 days' rate, spend on ${scopeText(budget.scope)} would pass ${threshold}% of its budget before the period ends.`;
  return {
    schema_version: ALERT_SCHEMA_VERSION,
    id: budgetAlertKey(status, kind, threshold),
    type: kind === "actual" ? "budget.threshold_crossed" : "budget.forecast_crossed",
    created_at: now.toISOString(),
    organization: where.organization,
    project: where.project,
    title,
    summary,
    facts,
    url: where.project
      ? absoluteUrl(where.baseUrl, projectPath(where.organization.slug, where.project.slug, "budgets"), {
          budget: budget.id,
        })
      : where.baseUrl,
    budget: {
      id: budget.id,
      name: budget.name,
      amount: budget.amount,
      spent: status.spent,
      forecast,
      threshold,
      period: { from: window.from, to: window.to },
      scope: budget.scope,
      cost_basis: budget.cost_basis,
    },
  };
}

export interface AnomalyRow {
  id: string;
  project_id: string;
  day: string;
  metric: string;
  dimension: string | null;
  dimension_value: string | null;
  severity: "low" | "medium" | "high" | "critical";
  expected: number;
  actual: number;
  dollar_impact: string | null;
  description: string;
}

export function anomalyMessage(where: Where, anomaly: AnomalyRow, now: Date): AlertMessage {
  const facts = [
    { label: "Severity", value: anomaly.severity },
    { label: "Day", value: anomaly.day },
    { label: "Slice", value: anomaly.dimension ? `${anomaly.dimension} ${anomaly.dimension_value}` : "whole project" },
  ];
  if (anomaly.dollar_impact) facts.push({ label: "Impact", value: usd(anomaly.dollar_impact) });
  return {
    schema_version: ALERT_SCHEMA_VERSION,
    id: `anomaly:${anomaly.project_id}:${anomaly.id}`,
    type: "anomaly.detected",
    created_at: now.toISOString(),
    organization: where.organization,
    project: where.project,
    title: `${anomaly.severity[0]!.toUpperCase()}${anomaly.severity.slice(1)} anomaly: ${anomaly.description}`.slice(
      0,
      300,
    ),
    summary: anomaly.description,
    facts,
    url: where.project
      ? absoluteUrl(where.baseUrl, projectPath(where.organization.slug, where.project.slug, "anomalies"), {
          from: anomaly.day,
          to: anomaly.day,
        })
      : where.baseUrl,
    anomaly: {
      id: anomaly.id,
      day: anomaly.day,
      metric: anomaly.metric,
      dimension: anomaly.dimension,
      dimension_value: anomaly.dimension_value,
      severity: anomaly.severity,
      expected: anomaly.expected,
      actual: anomaly.actual,
      dollar_impact: anomaly.dollar_impact,
      description: anomaly.description,
    },
  };
}

export function testMessage(where: Where, id: string, now: Date): AlertMessage {
  return {
    schema_version: ALERT_SCHEMA_VERSION,
    id,
    type: "test",
    created_at: now.toISOString(),
    organization: where.organization,
    project: null,
    title: "Test alert from InferLedger",
    summary: "This channel is set up: budget and anomaly alerts will arrive here.",
    facts: [],
    url: where.baseUrl,
  };
}
