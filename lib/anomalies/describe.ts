/** Plain-language sentences about anomalies, for the digest and the anomalies page. */
import { formatUsd } from "@/lib/money";
import { weekdayIndex } from "@/lib/calendar/days";
import { statisticToFemto } from "./impact";
import { metricDefinition, type MetricUnit } from "./metrics";
import type { Contributor } from "./root-cause";
import type { Anomaly, SeriesKey } from "./types";

/** `outcomeType` names the unit of a cost per outcome ("$0.42 per ticket_resolved"). */
export function formatMetricValue(unit: MetricUnit, value: number, outcomeType?: string): string {
  switch (unit) {
    case "usd":
      return formatUsd(statisticToFemto(value));
    case "usd_per_outcome":
      return `${formatUsd(statisticToFemto(value), Math.abs(value) < 1 ? 4 : 2)} per ${outcomeType ?? "outcome"}`;
    case "tokens_per_request":
      return `${Math.round(value).toLocaleString("en-US")} tokens per request`;
    case "ratio":
      return `${(value * 100).toFixed(1)}%`;
  }
}

/** "Cost of feature “support-bot”", "Total cost", "Cost per “ticket_resolved”", "Cache hit rate of model “gpt-4o”". */
export function seriesLabel(key: SeriesKey): string {
  const label = key.outcomeType === undefined ? metricDefinition(key.metric).label : `Cost per “${key.outcomeType}”`;
  if (!key.scope) return key.metric === "cost" ? "Total cost" : label;
  return `${label} of ${key.scope.dimension} “${key.scope.value}”`;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Tue 17 Nov". */
export function formatDay(day: string): string {
  return `${WEEKDAYS[weekdayIndex(day)]} ${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]}`;
}

function signedUsd(femto: bigint): string {
  return femto < 0n ? `-${formatUsd(-femto)}` : `+${formatUsd(femto)}`;
}

const VERBS: Record<"spike" | "drop", Record<Anomaly["direction"], string>> = {
  spike: { up: "spiked to", down: "fell to" },
  drop: { up: "rose to", down: "dropped to" },
};

/**
 * One sentence: what moved, when, by how much, what it cost, and (if known) who drove it, e.g.
 * "Cost of feature “support-bot” spiked to $412.00 on Tue 17 Nov, 2.3× the expected $180.00
 * (+$232.00 that day). Mostly customer “acme” (+$210.00, 91% of the change)." A level shift and a
 * drift are judged over several days, not one day outside the band, and are said to be so.
 */
export function describeAnomaly(anomaly: Anomaly, rootCauses: readonly Contributor[] = []): string {
  const unit = metricDefinition(anomaly.key.metric).unit;
  const actual = formatMetricValue(unit, anomaly.actual, anomaly.key.outcomeType);
  const expected = formatMetricValue(unit, anomaly.expected, anomaly.key.outcomeType);
  const multiple = anomaly.expected > 0 ? anomaly.actual / anomaly.expected : Number.POSITIVE_INFINITY;
  const percent = Math.round((multiple - 1) * 100);
  const signedPercent = `${percent >= 0 ? "+" : ""}${percent}%`;
  const comparison =
    Number.isFinite(multiple) && multiple >= 1.5
      ? `${multiple.toFixed(1)}× the expected ${expected}`
      : anomaly.expected > 0
        ? `${signedPercent} against the expected ${expected}`
        : `where nothing was expected`;
  const persistent = anomaly.kind === "level_shift" || anomaly.kind === "drift";
  const impact =
    anomaly.dollarImpact === null ? "" : ` (${signedUsd(anomaly.dollarImpact)} ${persistent ? "a day" : "that day"})`;
  const label = seriesLabel(anomaly.key);
  const day = formatDay(anomaly.day);
  const up = anomaly.direction === "up";
  let sentence =
    anomaly.kind === "drift"
      ? `${label} has been trending ${up ? "up" : "down"} for four weeks to ${day}, a steady ${up ? "rise" : "fall"} rather than one unusual day: ${actual} that day against a fitted ${expected} four weeks earlier (${Number.isFinite(multiple) ? signedPercent : "from nothing"})${impact}.`
      : anomaly.kind === "level_shift"
        ? `${label} ${up ? "rose" : "fell"} to a new level from ${day}, three days in a row well ${up ? "above" : "below"} the expected: ${actual} that day, ${comparison}${impact}.`
        : `${label} ${VERBS[anomaly.kind][anomaly.direction]} ${actual} on ${day}, ${comparison}${impact}.`;
  const lead = rootCauses[0];
  if (lead) {
    sentence += ` Mostly ${lead.dimension} “${lead.value}” (${signedUsd(lead.delta)}, ${Math.round(lead.share * 100)}% of the change${lead.isNew ? ", new" : ""}).`;
  }
  return sentence;
}
