/**
 * Anomaly detection over one daily series.
 *
 * The series is walked day by day exactly as a daily job would see it: each day is compared with
 * a baseline built only from the days before it.
 *  - Baseline: level x weekday factor (lib/anomalies/baseline.ts), level = median of the last
 *    `levelDays` deseasonalised days, weekday factors from the last `seasonDays`.
 *  - Noise: robust sigma (MAD, with tail and sparse floors) of the one-step-ahead residuals of the
 *    last `scaleDays`, rescaled to the weekday. Days beyond `cleanZ` sigma do not enter the
 *    baseline (they are replaced by the expected value).
 *  - Spike / drop: |z| >= zThreshold, and the deviation clears the minimum dollar impact and the
 *    minimum relative change (the band drawn on the chart is expected +- zThreshold sigma).
 *  - Level shift: `shiftConfirmDays` consecutive days beyond shiftZ sigma in the same direction.
 *    They become one anomaly on the first day, and the baseline restarts there (weekday factors
 *    and relative noise carried over) so a new normal is reported once, not every day.
 *  - Drift: Mann–Kendall trend test plus a Theil–Sen slope over the last `driftDays`
 *    deseasonalised days of the current segment; reported once per episode when the trend is
 *    significant and the fitted change is at least `driftMinChange`.
 */
import { type Femto, usdToFemto } from "@/lib/money";
import { FLAT_SEASON, robustLevel, scaleFactor, weekdayFactors, MIN_FACTOR } from "./baseline";
import { numberToDay, dayToNumber, weekdayIndex } from "@/lib/calendar/days";
import { absFemto, dayImpact, deltaImpact, severityOf } from "./impact";
import { mannKendallZ, median, robustSigma, theilSen } from "./stats";
import type { Anomaly, AnomalyKind, BaselinePoint, DetectionResult, MetricSeries, SeriesPoint } from "./types";

export interface DetectOptions {
  /** Days of history before the first day is judged. */
  minHistoryDays: number;
  seasonDays: number;
  levelDays: number;
  /** Days for the local trend that moves the level forward (0 turns it off). */
  trendDays: number;
  scaleDays: number;
  /** Half-width of the band, in robust sigmas. */
  zThreshold: number;
  /** Days beyond this many sigmas are kept out of the baseline (replaced by the expected value). */
  cleanZ: number;
  /** A level shift is `shiftConfirmDays` consecutive days beyond shiftZ sigma, same direction. */
  shiftZ: number;
  shiftConfirmDays: number;
  /** Deviations worth less than this (absolute) are never reported. */
  minDollarImpact: Femto;
  /** Deviations smaller than this fraction of the expected value are never reported. */
  minRelativeChange: number;
  /** Sigma is at least this fraction of the expected value (a perfectly smooth series is not news). */
  relativeNoiseFloor: number;
  /** Sigma is at least this, in the metric's unit. */
  absoluteNoiseFloor: number;
  driftDays: number;
  driftZ: number;
  driftMinChange: number;
  /** A drift episode ends (and can be reported again) when the trend score falls below this. */
  driftRearmZ: number;
  /** Clamp the band's low edge at zero. */
  nonNegative: boolean;
}

const DEFAULT_DETECT_OPTIONS: Readonly<DetectOptions> = Object.freeze({
  minHistoryDays: 14,
  seasonDays: 56,
  levelDays: 7,
  trendDays: 14,
  scaleDays: 28,
  zThreshold: 4,
  cleanZ: 3,
  shiftZ: 2,
  shiftConfirmDays: 3,
  minDollarImpact: usdToFemto("5"),
  minRelativeChange: 0.1,
  relativeNoiseFloor: 0.02,
  absoluteNoiseFloor: 0,
  driftDays: 28,
  driftZ: 3.5,
  driftMinChange: 0.2,
  driftRearmZ: 1.5,
  nonNegative: true,
});

/** Below this many own residuals a segment borrows its noise from the previous one. */
const MIN_OWN_RESIDUALS = 14;
/** A segment re-estimates its weekday factors once it has this many days. */
const MIN_SEASON_SEGMENT = 21;
/**
 * A robust sigma from few residuals is itself uncertain (the MAD of 14 normal values is ~30% too
 * small one time in six), so with fewer than this many residuals the band widens by sqrt(this / n).
 */
const STABLE_SAMPLE = 28;

interface DayEval {
  expected: number;
  sigma: number;
  z: number;
  low: number;
  high: number;
  impact: Femto | null;
  level: number;
  unitSigma: number;
}

interface Run {
  start: number;
  end: number;
  direction: 1 | -1;
}

export function detectAnomalies(series: MetricSeries, options: Partial<DetectOptions> = {}): DetectionResult {
  const o: DetectOptions = { ...DEFAULT_DETECT_OPTIONS, ...options };
  const points = densify(series.points);
  const n = points.length;
  const weekdays = points.map((p) => weekdayIndex(p.day));
  const raw = points.map((p) => p.value);
  const clean = [...raw];
  const unitResidual: (number | null)[] = new Array(n).fill(null);
  const evals: (DayEval | null)[] = new Array(n).fill(null);
  const found = new Map<number, Anomaly>();
  const baseline: BaselinePoint[] = points.map((p) => ({
    day: p.day,
    actual: p.value,
    expected: null,
    low: null,
    high: null,
    anomaly: null,
    trend: null,
  }));

  let segmentStart = 0;
  let carriedSeason: readonly number[] | null = null;
  let carriedNoise: { perLevel: number | null; unit: number } | null = null;
  let run: Run | null = null;
  let driftArmed = true;
  let driftDirection = 0;

  const record = (
    t: number,
    kind: AnomalyKind,
    expected: number,
    actual: number,
    band: { low: number; high: number },
    score: number,
    impact: Femto | null,
  ) => {
    found.set(t, {
      key: series.key,
      day: points[t]!.day,
      kind,
      direction: actual >= expected ? "up" : "down",
      expected,
      actual,
      band,
      score,
      dollarImpact: impact,
      severity: severityOf({
        metric: series.key.metric,
        direction: actual >= expected ? "up" : "down",
        kind,
        expected,
        actual,
        impact,
        minImpact: o.minDollarImpact,
      }),
      provisional: false,
    });
    baseline[t]!.anomaly = kind;
  };

  const passesGates = (expected: number, actual: number, impact: Femto | null): boolean => {
    if (impact !== null && absFemto(impact) < o.minDollarImpact) return false;
    return Math.abs(expected) <= 1e-12 || Math.abs(actual - expected) >= o.minRelativeChange * Math.abs(expected);
  };

  for (let t = 0; t < n; t++) {
    const y = raw[t];
    if (y === null || y === undefined) {
      run = null;
      continue;
    }
    const history = countPresent(clean, segmentStart, t);
    if (segmentStart === 0 ? history < o.minHistoryDays : history < 1) continue;

    const seasonFrom = Math.max(segmentStart, t - o.seasonDays);
    const season =
      segmentStart === 0 || t - segmentStart >= MIN_SEASON_SEGMENT
        ? weekdayFactors(clean.slice(seasonFrom, t), weekdays.slice(seasonFrom, t))
        : (carriedSeason ?? FLAT_SEASON);
    const levelFrom = Math.max(segmentStart, t - o.levelDays);
    let level = robustLevel(clean.slice(levelFrom, t), weekdays.slice(levelFrom, t), season);
    if (Number.isNaN(level)) level = robustLevel(clean.slice(seasonFrom, t), weekdays.slice(seasonFrom, t), season);
    if (Number.isNaN(level)) continue;
    if (o.trendDays > 0) level = Math.max(0, level + localTrend(t, season) * ((t - levelFrom + 1) / 2));

    const factor = season[weekdays[t]!]!;
    const expected = level * factor;
    const unitSigma = noiseScale(t, level, season);
    const sigma = Math.max(
      unitSigma * scaleFactor(factor),
      o.relativeNoiseFloor * Math.abs(expected),
      o.absoluteNoiseFloor,
      1e-12,
    );
    const z = (y - expected) / sigma;
    const low = o.nonNegative ? Math.max(0, expected - o.zThreshold * sigma) : expected - o.zThreshold * sigma;
    const high = expected + o.zThreshold * sigma;
    const point = points[t]!;
    const impact = dayImpact(point, expected, y);
    evals[t] = { expected, sigma, z, low, high, impact, level, unitSigma };
    Object.assign(baseline[t]!, { expected, low, high });

    const material = passesGates(expected, y, impact);
    const outside = material && Math.abs(z) >= o.zThreshold;
    const suspect = material && Math.abs(z) >= o.cleanZ;
    const direction = z >= 0 ? 1 : -1;
    const previous = run as Run | null;
    const continues = previous !== null && previous.direction === direction && previous.end === t - 1;
    run =
      material && Math.abs(z) >= o.shiftZ
        ? { start: continues && previous ? previous.start : t, end: t, direction }
        : null;

    if (outside) record(t, direction > 0 ? "spike" : "drop", expected, y, { low, high }, z, impact);
    if (suspect) clean[t] = expected;
    // Flagged days stay in the noise estimate (robust statistics absorb a few outliers); leaving
    // them out would let a too-small sigma confirm itself, e.g. on a sparse series.
    unitResidual[t] = (y - expected) / scaleFactor(factor);

    if (run && run.end - run.start + 1 >= o.shiftConfirmDays) {
      confirmShift(run, season);
      run = null;
      driftArmed = true;
      continue;
    }
    if (!run) checkDrift(t, season, point);
  }

  if (run) {
    for (const [t, anomaly] of found)
      if (t >= run.start && (anomaly.kind === "spike" || anomaly.kind === "drop")) anomaly.provisional = true;
  }
  return { key: series.key, baseline, anomalies: [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, a]) => a) };

  /**
   * Theil–Sen slope of the last `trendDays` deseasonalised days: the median level lags a trend by
   * half its window, and a drift would otherwise look like a run of high days (a false shift).
   */
  function localTrend(t: number, season: readonly number[]): number {
    const from = Math.max(segmentStart, t - o.trendDays);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = from; i < t; i++) {
      const v = clean[i];
      const f = season[weekdays[i]!]!;
      if (v !== null && v !== undefined && f >= MIN_FACTOR) {
        xs.push(i);
        ys.push(v / f);
      }
    }
    // Only a trend that is there: extrapolating noise would widen every band.
    if (ys.length < o.trendDays / 2 || Math.abs(mannKendallZ(ys)) < 2) return 0;
    return theilSen(ys, xs).slope;
  }

  function noiseScale(t: number, level: number, season: readonly number[]): number {
    const from = Math.max(segmentStart, t - o.scaleDays);
    const own = unitResidual.slice(from, t).filter((r): r is number => r !== null);
    if (segmentStart > 0) {
      const borrowed = carriedNoise
        ? carriedNoise.perLevel !== null
          ? carriedNoise.perLevel * Math.abs(level)
          : carriedNoise.unit
        : 0;
      if (own.length >= MIN_OWN_RESIDUALS) return robustSigma(own);
      return own.length >= 7 ? Math.max(borrowed, robustSigma(own)) : borrowed;
    }
    if (own.length >= STABLE_SAMPLE) return robustSigma(own);
    // Early days: top up with in-sample residuals of the days that had no baseline yet.
    const pool = [...own];
    for (let i = from; i < t; i++) {
      const v = clean[i];
      if (unitResidual[i] === null && evals[i] === null && v !== null && v !== undefined) {
        const f = season[weekdays[i]!]!;
        pool.push((v - level * f) / scaleFactor(f));
      }
    }
    return pool.length > 0 ? robustSigma(pool) * Math.max(1, Math.sqrt(STABLE_SAMPLE / pool.length)) : 0;
  }

  function confirmShift(shift: Run, season: readonly number[]): void {
    // A noise day just before the change can open the run: start where the run's own size begins.
    const sizes: number[] = [];
    for (let i = shift.start; i <= shift.end; i++) sizes.push(Math.abs(evals[i]!.z));
    const typical = median(sizes);
    let p = shift.start;
    while (p < shift.end && Math.abs(evals[p]!.z) < typical / 2) p++;
    const first = evals[p]!;
    for (let i = shift.start; i <= shift.end; i++) {
      found.delete(i);
      baseline[i]!.anomaly = null;
      clean[i] = raw[i] ?? null;
      if (i >= p) unitResidual[i] = null;
    }
    record(p, "level_shift", first.expected, raw[p]!, { low: first.low, high: first.high }, first.z, first.impact);
    carriedSeason = season;
    carriedNoise = { perLevel: first.level > 1e-12 ? first.unitSigma / first.level : null, unit: first.unitSigma };
    segmentStart = p;
  }

  function checkDrift(t: number, season: readonly number[], point: SeriesPoint): void {
    const from = t - o.driftDays + 1;
    if (from < segmentStart || found.has(t)) return;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = from; i <= t; i++) {
      const v = clean[i];
      const f = season[weekdays[i]!]!;
      if (v !== null && v !== undefined && f >= MIN_FACTOR) {
        xs.push(i - from);
        ys.push(v / f);
      }
    }
    if (ys.length < o.driftDays * 0.75) return;
    const score = mannKendallZ(ys);
    const sign = Math.sign(score);
    if (!driftArmed && (Math.abs(score) < o.driftRearmZ || sign !== driftDirection)) driftArmed = true;
    if (!driftArmed || Math.abs(score) < o.driftZ) return;
    const fit = theilSen(ys, xs);
    const start = fit.intercept;
    const now = fit.intercept + fit.slope * (o.driftDays - 1);
    if (Math.sign(fit.slope) !== sign) return;
    const change = start > 1e-12 ? Math.abs(now - start) / start : Number.POSITIVE_INFINITY;
    if (change < o.driftMinChange) return;
    const factor = season[weekdays[t]!]!;
    const impact = deltaImpact(point, (now - start) * factor);
    if (impact !== null && absFemto(impact) < o.minDollarImpact) return;
    const e = evals[t]!;
    found.set(t, {
      key: series.key,
      day: point.day,
      kind: "drift",
      direction: sign > 0 ? "up" : "down",
      expected: start * factor,
      actual: raw[t]!,
      band: { low: e.low, high: e.high },
      score,
      dollarImpact: impact,
      severity: severityOf({
        metric: series.key.metric,
        direction: sign > 0 ? "up" : "down",
        kind: "drift",
        expected: start * factor,
        actual: now * factor,
        impact,
        minImpact: o.minDollarImpact,
      }),
      provisional: false,
    });
    baseline[t]!.anomaly = "drift";
    for (let i = from; i <= t; i++) baseline[i]!.trend = (start + fit.slope * (i - from)) * factor;
    driftArmed = false;
    driftDirection = sign;
  }
}

function countPresent(values: readonly (number | null)[], from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (values[i] !== null && values[i] !== undefined) count++;
  return count;
}

/** Validates order and fills missing calendar days with null so that index = day offset. */
function densify(points: readonly SeriesPoint[]): SeriesPoint[] {
  if (points.length === 0) return [];
  const dense: SeriesPoint[] = [];
  let previous = dayToNumber(points[0]!.day) - 1;
  for (const point of points) {
    const current = dayToNumber(point.day);
    if (current <= previous) throw new RangeError(`series days must be ascending and unique: ${point.day}`);
    if (point.value !== null && !Number.isFinite(point.value))
      throw new RangeError(`not a finite value on ${point.day}`);
    for (let missing = previous + 1; missing < current; missing++)
      dense.push({ day: numberToDay(missing), value: null });
    dense.push(point);
    previous = current;
  }
  return dense;
}
