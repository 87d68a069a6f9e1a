/** CSV of the margins report, one row per customer or per feature, money as exact dollars; margin on the report's cost basis. */
import type { MarginsResponse } from "./report";

const escape = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
/** Names come from API clients: one that starts like a formula is kept as text in spreadsheets. */
const text = (value: string) => (/^[=+\-@\t]/.test(value) ? `'${value}` : value);

export function marginsCsv(report: MarginsResponse, groupBy: "customer" | "feature"): string {
  const compared = report.comparisons[0];
  const extra = compared ? [`revenue_under_${compared.planId}`, `margin_under_${compared.planId}`, "margin_delta"] : [];
  const lines: string[][] = [];
  if (groupBy === "customer") {
    lines.push([
      "customer",
      "plans",
      "revenue_source",
      "requests",
      "cost_usd",
      "loaded_cost_usd",
      "revenue_usd",
      "margin_usd",
      "margin_pct",
      "usage_margin_usd",
      ...extra,
    ]);
    for (const c of report.customers) {
      const alt = compared ? c.alternatives.find((a) => a.planId === compared.planId) : undefined;
      lines.push([
        text(c.customer),
        c.plans.map((p) => p.planId ?? "(none)").join(" > "),
        c.revenueSource,
        String(c.requests),
        c.cost,
        c.loadedCost,
        c.revenue,
        c.margin,
        c.marginPct === null ? "" : String(c.marginPct),
        c.usageMargin,
        ...(alt ? [alt.revenue, alt.margin, alt.delta] : []),
      ]);
    }
  } else {
    lines.push([
      "feature",
      "customers",
      "cost_usd",
      "loaded_cost_usd",
      "revenue_usd",
      "margin_usd",
      "margin_pct",
      "usage_margin_usd",
      ...extra,
    ]);
    for (const f of report.features) {
      const alt = compared ? f.alternatives.find((a) => a.planId === compared.planId) : undefined;
      lines.push([
        text(f.feature),
        String(f.customers),
        f.cost,
        f.loadedCost,
        f.revenue,
        f.margin,
        f.marginPct === null ? "" : String(f.marginPct),
        f.usageMargin,
        ...(alt ? [alt.revenue, alt.margin, alt.delta] : []),
      ]);
    }
  }
  return lines.map((line) => line.map(escape).join(",")).join("\r\n") + "\r\n";
}
