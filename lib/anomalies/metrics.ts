/**
 * The metrics we watch, and how each is derived from daily aggregates (sum columns only, so the
 * same definitions work on any rollup). A DB-layer mapper turns rollup rows into
 * `DailyAggregateRow`s; everything here is pure.
 */
import type { Femto } from "@/lib/money";
import { TOKEN_CLASSES, type TokenClass } from "@/lib/token-classes";
import { daysBetween, type Day } from "@/lib/calendar/days";
import type { Dimension, MetricId, MetricSeries, SeriesKey, SeriesPoint } from "./types";

/**
 * One day of usage for one (feature, customer, model), as summed by the rollups.
 * `tokens.input` is *uncached* input: cached tokens are normalised out of it at ingest.
 * Outcome events carry no model: their counts sit on rows with `model: null` (which carry no
 * usage), so that no outcome is counted once per model, one row per outcome type.
 */
export interface DailyAggregateRow {
  day: Day;
  feature: string;
  customer: string;
  model: string | null;
  events: number;
  tokens: Readonly<Partial<Record<TokenClass, number>>>;
  costFemto: Femto;
  /** The part of costFemto paid for tokens (GPU time excluded) where known; else all of it. */
  tokenCostFemto?: Femto;
  /** Cost split by token class where the rollup keeps it; enables the cache-hit dollar impact. */
  costByClassFemto?: Readonly<Partial<Record<TokenClass, Femto>>>;
  outcomes: number;
  /** On outcome rows: the type of `outcomes`. */
  outcomeType?: string;
}

/** Sums of one day over the rows in a scope. */
interface DayTotals {
  events: number;
  tokens: Record<TokenClass, number>;
  cost: Femto;
  tokenCost: Femto;
  /** Null when any contributing row lacked the split. */
  costByClass: Record<TokenClass, Femto> | null;
  outcomes: number;
}

export type MetricUnit = "usd" | "usd_per_outcome" | "tokens_per_request" | "ratio";
type MetricScope = "project" | Dimension;

interface MetricDefinition {
  id: MetricId;
  label: string;
  unit: MetricUnit;
  scopes: readonly MetricScope[];
  /** The derivation in words, shown next to the chart. */
  formula: string;
  /** A day's point from its totals; `value: null` where the metric is undefined that day. */
  point(totals: DayTotals): Omit<SeriesPoint, "day">;
}

const USD = 1e15;
const usd = (femto: Femto): number => Number(femto) / USD;
const totalTokens = (t: DayTotals): number => TOKEN_CLASSES.reduce((sum, c) => sum + t.tokens[c], 0);

/** USD per token of a class that day, from the class cost split; undefined when not known. */
function classPrice(t: DayTotals, tokenClass: TokenClass): number | undefined {
  const count = t.tokens[tokenClass];
  if (t.costByClass === null || count <= 0) return undefined;
  return usd(t.costByClass[tokenClass]) / count;
}

export const METRICS: readonly MetricDefinition[] = [
  {
    id: "cost",
    label: "Cost",
    unit: "usd",
    scopes: ["project", "feature", "customer", "model"],
    formula: "sum(cost)",
    point: (t) => ({ value: usd(t.cost), dollars: t.cost }),
  },
  {
    id: "cost_per_outcome",
    label: "Cost per outcome",
    unit: "usd_per_outcome",
    scopes: ["project", "feature", "customer"],
    formula:
      "Per outcome type: sum(cost of the features that produce this outcome type) / sum(outcomes of this type); undefined on days without such outcomes. Impact = change x outcomes.",
    point: (t) => (t.outcomes > 0 ? { value: usd(t.cost) / t.outcomes, dollarsPerUnit: t.outcomes } : { value: null }),
  },
  {
    id: "tokens_per_request",
    label: "Tokens per request",
    unit: "tokens_per_request",
    scopes: ["project", "feature", "customer", "model"],
    formula:
      "sum(all token classes) / sum(events). Impact = change x events x average USD per token (token cost only: GPU time is not paid per token).",
    point: (t) => {
      const tokens = totalTokens(t);
      if (t.events <= 0) return { value: null };
      return tokens > 0
        ? { value: tokens / t.events, dollarsPerUnit: (t.events * usd(t.tokenCost)) / tokens }
        : { value: 0 };
    },
  },
  {
    id: "cache_hit_rate",
    label: "Cache hit rate",
    unit: "ratio",
    scopes: ["project", "feature", "customer", "model"],
    formula:
      "sum(cache read tokens) / (sum(uncached input) + sum(cache read)). Impact = change x prompt tokens x (input price - cache read price), negative when the rate rises; known only where the rollup splits cost by class.",
    point: (t) => {
      const prompt = t.tokens.input + t.tokens.cache_read;
      if (prompt <= 0) return { value: null };
      const input = classPrice(t, "input");
      const cached = classPrice(t, "cache_read");
      const value = t.tokens.cache_read / prompt;
      return input !== undefined && cached !== undefined
        ? { value, dollarsPerUnit: -prompt * (input - cached) }
        : { value };
    },
  },
];

export function metricDefinition(id: MetricId): MetricDefinition {
  const found = METRICS.find((m) => m.id === id);
  if (!found) throw new RangeError(`unknown metric: ${id}`);
  return found;
}

function emptyTotals(): DayTotals {
  const zeroTokens = Object.fromEntries(TOKEN_CLASSES.map((c) => [c, 0])) as Record<TokenClass, number>;
  const zeroCost = Object.fromEntries(TOKEN_CLASSES.map((c) => [c, 0n])) as Record<TokenClass, Femto>;
  return { events: 0, tokens: zeroTokens, cost: 0n, tokenCost: 0n, costByClass: zeroCost, outcomes: 0 };
}

function addRow(totals: DayTotals, row: DailyAggregateRow): void {
  totals.events += row.events;
  totals.cost += row.costFemto;
  totals.tokenCost += row.tokenCostFemto ?? row.costFemto;
  totals.outcomes += row.outcomes;
  for (const c of TOKEN_CLASSES) totals.tokens[c] += row.tokens[c] ?? 0;
  const usesTokens = TOKEN_CLASSES.some((c) => (row.tokens[c] ?? 0) > 0);
  if (totals.costByClass && row.costByClassFemto) {
    for (const c of TOKEN_CLASSES) totals.costByClass[c] += row.costByClassFemto[c] ?? 0n;
  } else if (usesTokens) {
    totals.costByClass = null;
  }
}

function inScope(row: DailyAggregateRow, key: SeriesKey): boolean {
  return !key.scope || row[key.scope.dimension] === key.scope.value;
}

/** The features whose rows carry outcomes of `outcomeType`: the cost of producing that outcome. */
function producers(rows: readonly DailyAggregateRow[], outcomeType: string): Set<string> {
  return new Set(rows.filter((row) => row.outcomes > 0 && row.outcomeType === outcomeType).map((row) => row.feature));
}

/**
 * Which rows make up a series: those in its scope and, for cost per outcome, the usage of the
 * features that produced its outcome type in `rows` (the whole window) with outcomes of that
 * type only. Shared by the series and its root causes.
 */
export function seriesRows(rows: readonly DailyAggregateRow[], key: SeriesKey): (row: DailyAggregateRow) => boolean {
  if (key.metric !== "cost_per_outcome") return (row) => inScope(row, key);
  const outcomeType = key.outcomeType;
  if (outcomeType === undefined) throw new RangeError("cost_per_outcome needs an outcome type");
  const features = producers(rows, outcomeType);
  return (row) =>
    inScope(row, key) && (row.outcomeType === undefined ? features.has(row.feature) : row.outcomeType === outcomeType);
}

/** One series for `key` over every day from `from` to `to` (days without rows are zero usage). */
export function buildSeries(rows: readonly DailyAggregateRow[], key: SeriesKey, from: Day, to: Day): MetricSeries {
  const definition = metricDefinition(key.metric);
  if (key.scope && !definition.scopes.includes(key.scope.dimension)) {
    throw new RangeError(`${key.metric} has no ${key.scope.dimension} scope`);
  }
  const included = seriesRows(rows, key);
  const byDay = new Map<Day, DayTotals>();
  for (const row of rows) {
    if (!included(row)) continue;
    let totals = byDay.get(row.day);
    if (!totals) byDay.set(row.day, (totals = emptyTotals()));
    addRow(totals, row);
  }
  const points = daysBetween(from, to).map((day) => ({ day, ...definition.point(byDay.get(day) ?? emptyTotals()) }));
  return { key, points };
}

export interface SeriesSelection {
  /** Watch at most this many values per dimension, the most expensive over the period first. */
  maxPerDimension: number;
  /** Skip scope values whose spend over the whole period is below this. */
  minPeriodCost: Femto;
}

/**
 * Every series worth watching: each metric for the whole project, and for the top values of each
 * of its scope dimensions by cost (bounded so that a project with 10k customers stays cheap).
 */
export function seriesKeys(rows: readonly DailyAggregateRow[], selection: SeriesSelection): SeriesKey[] {
  const keys: SeriesKey[] = [];
  const topValues = new Map<Dimension, string[]>();
  for (const dimension of ["feature", "customer", "model"] as const) {
    const spend = new Map<string, Femto>();
    for (const row of rows) {
      const value = row[dimension];
      if (value !== null) spend.set(value, (spend.get(value) ?? 0n) + row.costFemto);
    }
    const ranked = [...spend.entries()]
      .filter(([, cost]) => cost >= selection.minPeriodCost)
      .sort((a, b) => (a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1] > b[1] ? -1 : 1))
      .slice(0, selection.maxPerDimension)
      .map(([value]) => value);
    topValues.set(dimension, ranked);
  }
  const outcomeTypes = outcomeTypesBy(rows);
  for (const metric of METRICS) {
    for (const scope of metric.scopes) {
      const values = scope === "project" ? [null] : (topValues.get(scope) ?? []);
      for (const value of values) {
        const scoped = value === null ? undefined : { dimension: scope as Dimension, value };
        if (metric.id !== "cost_per_outcome") keys.push({ metric: metric.id, ...(scoped ? { scope: scoped } : {}) });
        // One series per outcome type the scope produced: types are never divided together.
        else
          for (const outcomeType of outcomeTypes.get(scoped ? `${scoped.dimension}=${scoped.value}` : "") ?? [])
            keys.push({ metric: metric.id, ...(scoped ? { scope: scoped } : {}), outcomeType });
      }
    }
  }
  return keys;
}

/** Outcome types seen per scope ("" the project, "feature=x", "customer=y"), sorted. */
function outcomeTypesBy(rows: readonly DailyAggregateRow[]): Map<string, string[]> {
  const sets = new Map<string, Set<string>>();
  const add = (scope: string, type: string) => (sets.get(scope) ?? sets.set(scope, new Set()).get(scope)!).add(type);
  for (const row of rows) {
    if (row.outcomes <= 0 || row.outcomeType === undefined) continue;
    add("", row.outcomeType);
    add(`feature=${row.feature}`, row.outcomeType);
    add(`customer=${row.customer}`, row.outcomeType);
  }
  return new Map([...sets].map(([scope, types]) => [scope, [...types].sort()]));
}

/**
 * Stable text id of a series, e.g. "cost|feature=support-bot" or
 * "cost_per_outcome/ticket_resolved|customer=acme" (the outcome type URI-encoded, so it holds no
 * "|"); a dedupe key for stored anomalies. lib/anomalies/db/series parses it back.
 */
export function seriesId(key: SeriesKey): string {
  const metric = key.outcomeType === undefined ? key.metric : `${key.metric}/${encodeURIComponent(key.outcomeType)}`;
  return key.scope ? `${metric}|${key.scope.dimension}=${key.scope.value}` : metric;
}
