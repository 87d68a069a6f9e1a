/**
 * The alert every channel renders, and the generic webhook's JSON body as is. Its shape is
 * versioned: `schema_version` changes only when a field changes meaning or goes away (new
 * fields may appear within a version). Money is exact decimal text of dollars.
 */
export const ALERT_SCHEMA_VERSION = 1;

export type AlertType = "budget.threshold_crossed" | "budget.forecast_crossed" | "anomaly.detected" | "test";

export interface AlertMessage {
  schema_version: typeof ALERT_SCHEMA_VERSION;
  /** The alert's dedupe key: the same event never has two ids. */
  id: string;
  type: AlertType;
  created_at: string;
  organization: { id: string; slug: string; name: string };
  project: { id: string; slug: string; name: string } | null;
  title: string;
  summary: string;
  facts: { label: string; value: string }[];
  /** Where to act: the budget or the anomaly in the app. */
  url: string;
  budget?: {
    id: string;
    name: string;
    amount: string;
    spent: string;
    forecast: string | null;
    threshold: number;
    period: { from: string; to: string };
    scope: Record<string, string>;
    cost_basis: string;
  };
  anomaly?: {
    id: string;
    day: string;
    metric: string;
    dimension: string | null;
    dimension_value: string | null;
    severity: string;
    expected: number;
    actual: number;
    dollar_impact: string | null;
    description: string;
  };
}
