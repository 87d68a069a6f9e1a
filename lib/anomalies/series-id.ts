/** Series ids (metrics.seriesId) read back into series keys: pure, for the API and the pages alike. */
import { metricDefinition } from "./metrics";
import type { Dimension, MetricId, SeriesKey } from "./types";

const METRIC_IDS = new Set(["cost", "cost_per_outcome", "tokens_per_request", "cache_hit_rate"]);
const DIMENSIONS = new Set(["feature", "customer", "model"]);

/**
 * The inverse of seriesId ("cost|feature=support-bot", "cost_per_outcome/ticket_resolved"); null
 * for anything else, cost per outcome without its outcome type included.
 */
export function parseSeriesId(id: string): SeriesKey | null {
  const bar = id.indexOf("|");
  const head = bar < 0 ? id : id.slice(0, bar);
  const slash = head.indexOf("/");
  const metric = slash < 0 ? head : head.slice(0, slash);
  if (!METRIC_IDS.has(metric)) return null;
  const outcomeType = slash < 0 ? undefined : decodeOutcomeType(head.slice(slash + 1));
  if ((metric === "cost_per_outcome") !== (outcomeType !== undefined && outcomeType !== null)) return null;
  const key: SeriesKey = { metric: metric as SeriesKey["metric"], ...(outcomeType ? { outcomeType } : {}) };
  if (bar < 0) return key;
  const rest = id.slice(bar + 1);
  const eq = rest.indexOf("=");
  const dimension = rest.slice(0, eq);
  if (eq < 0 || !DIMENSIONS.has(dimension)) return null;
  key.scope = { dimension: dimension as "feature", value: rest.slice(eq + 1) };
  return metricDefinition(key.metric).scopes.includes(key.scope.dimension) ? key : null;
}

function decodeOutcomeType(text: string): string | null {
  try {
    return decodeURIComponent(text) || null;
  } catch {
    return null;
  }
}

/** The series a stored (or listed) anomaly belongs to. */
export function anomalyKey(a: {
  metric: MetricId;
  dimension: Dimension | null;
  dimensionValue: string | null;
  outcomeType: string | null;
}): SeriesKey {
  return {
    metric: a.metric,
    ...(a.dimension && a.dimensionValue !== null ? { scope: { dimension: a.dimension, value: a.dimensionValue } } : {}),
    ...(a.outcomeType !== null ? { outcomeType: a.outcomeType } : {}),
  };
}
