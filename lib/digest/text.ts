/** The plain-text part: the same view, the same numbers, readable in any client. */
import type { DigestView, MoverView } from "./view-model";

function movers(title: string, list: readonly MoverView[], empty: string): string[] {
  if (list.length === 0) return [title, `  ${empty}`, ""];
  return [
    title,
    ...list.map((m) => `  ${m.delta.padStart(12)}  ${m.name} (now ${m.thisWeek}, was ${m.lastWeek})  ${m.url}`),
    "",
  ];
}

export function renderText(view: DigestView): string {
  const lines: string[] = [
    "INFERLEDGER WEEKLY DIGEST",
    view.title,
    view.weekLabel,
    "",
    view.greeting,
    "",
    `AI spend: ${view.spend.thisWeek} (${view.spend.change.percent}, ${view.spend.change.delta} vs ${view.spend.lastWeek} last week)`,
  ];
  if (view.margin) {
    lines.push(
      `Margin: ${view.margin.thisWeek} (${view.margin.change.percent}, ${view.margin.change.delta} vs ${view.margin.lastWeek} last week)${view.margin.rate ? `, ${view.margin.rate}` : ""}${view.margin.costs ? `, ${view.margin.costs}` : ""}`,
    );
  }
  lines.push("");
  if (view.daily.length > 0) lines.push("Spend by day", ...view.daily.map((d) => `  ${d.label}  ${d.amount}`), "");
  lines.push(...movers("Top movers by feature", view.featureMovers, "No feature changed its spend."));
  lines.push(...movers("Top movers by customer", view.customerMovers, "No customer changed its spend."));
  if (view.anomalies.length === 0) lines.push("Anomalies", "  No new cost anomalies this week.", "");
  else
    lines.push(
      `New anomalies (${view.anomalies.length})`,
      ...view.anomalies.flatMap((a) => [`  [${a.severity.toUpperCase()}] ${a.sentence}`, `    ${a.url}`]),
      "",
    );
  if (view.unpriced.length > 0) {
    lines.push(
      "Models without a price (their cost is missing above)",
      ...view.unpriced.map((m) => `  ${m.label}: ${m.events}`),
      `  Add prices: ${view.pricesUrl}`,
      "",
    );
  }
  if (view.forecast)
    lines.push(`${view.forecast.month} forecast: ${view.forecast.amount}`, `  ${view.forecast.explanation}`, "");
  lines.push(
    `Dashboard: ${view.dashboardUrl}`,
    `All anomalies: ${view.anomaliesUrl}`,
    `Unsubscribe: ${view.unsubscribeUrl}`,
    "",
  );
  return lines.join("\n");
}
