/** Dollar impact and severity of a deviation. */
import type { Femto } from "@/lib/money";
import type { AnomalyKind, Direction, MetricId, SeriesPoint, Severity } from "./types";

const FEMTO_PER_USD = 1e15;

/** A float of dollars that came out of a statistic (an expected value) as femtodollars. */
export function statisticToFemto(usd: number): Femto {
  if (!Number.isFinite(usd)) throw new RangeError(`not a finite amount: ${usd}`);
  return BigInt(Math.round(usd * FEMTO_PER_USD));
}

/**
 * What the deviation of `actual` from `expected` cost on this day. For cost metrics the actual
 * side is the exact spend of the day, so only the expected value (a statistic) is rounded.
 */
export function dayImpact(point: SeriesPoint, expected: number, actual: number): Femto | null {
  if (point.dollars !== undefined) return point.dollars - statisticToFemto(expected);
  return deltaImpact(point, actual - expected);
}

/** Dollars that a change of `delta` in the metric's value is worth on this day. */
export function deltaImpact(point: SeriesPoint, delta: number): Femto | null {
  if (point.dollars !== undefined) return statisticToFemto(delta);
  if (point.dollarsPerUnit !== undefined) return statisticToFemto(delta * point.dollarsPerUnit);
  return null;
}

export function absFemto(value: Femto): Femto {
  return value < 0n ? -value : value;
}

/**
 * The direction in which each metric costs money or quality: a rise in cost, cost per outcome or
 * tokens per request, a fall in the cache hit rate. A move the other way is an improvement.
 */
const ADVERSE_DIRECTION: Record<MetricId, Direction> = {
  cost: "up",
  cost_per_outcome: "up",
  tokens_per_request: "up",
  cache_hit_rate: "down",
};

/**
 * Severity, by one documented rule. An improvement (a move against ADVERSE_DIRECTION) is
 * "notable", whatever its size: worth a look, never an alarm. An adverse move must clear both
 * measures of a tier:
 *  - relative deviation |actual - expected| / expected (infinite when nothing was expected),
 *  - dollar impact as a multiple of the configured minimum impact. Level shifts and drifts persist,
 *    so their daily impact is counted for a week (x7) before comparing.
 *
 * | tier     | relative deviation | dollar impact          |
 * | critical | >= 100%            | >= 20 x minimum impact |
 * | high     | >= 50%             | >= 5 x minimum impact  |
 * | medium   | >= 25%             | >= 2 x minimum impact  |
 * | low      | anything that was reported at all             |
 *
 * A metric without dollar meaning (impact null) is ranked by the relative deviation alone.
 */
const SEVERITY_TIERS: readonly { severity: Severity; relative: number; impactMultiple: bigint }[] = [
  { severity: "critical", relative: 1, impactMultiple: 20n },
  { severity: "high", relative: 0.5, impactMultiple: 5n },
  { severity: "medium", relative: 0.25, impactMultiple: 2n },
];

const PERSISTENT_KINDS: ReadonlySet<AnomalyKind> = new Set(["level_shift", "drift"]);

export function severityOf(input: {
  metric: MetricId;
  direction: Direction;
  kind: AnomalyKind;
  expected: number;
  actual: number;
  impact: Femto | null;
  minImpact: Femto;
}): Severity {
  const { kind, expected, actual, impact, minImpact } = input;
  if (input.direction !== ADVERSE_DIRECTION[input.metric]) return "notable";
  const relative = expected !== 0 ? Math.abs(actual - expected) / Math.abs(expected) : Number.POSITIVE_INFINITY;
  const weighted = impact === null ? null : absFemto(impact) * (PERSISTENT_KINDS.has(kind) ? 7n : 1n);
  for (const tier of SEVERITY_TIERS) {
    const dollarsOk = weighted === null || weighted >= tier.impactMultiple * minImpact;
    if (relative >= tier.relative && dollarsOk) return tier.severity;
  }
  return "low";
}
