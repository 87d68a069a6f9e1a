/** Seeded synthetic daily cost series with planted anomalies, for measuring the detector. */
import { usdToFemto } from "@/lib/money";
import { addDays } from "@/lib/calendar/days";
import type { AnomalyKind, MetricSeries, SeriesPoint } from "@/lib/anomalies/types";
import { prng } from "../fuzz/random";

export function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

export interface Planted {
  kind: AnomalyKind;
  /** First day (index) on which the anomaly exists. */
  start: number;
  /** Last day index on which a detection still counts as finding it. */
  until: number;
}

export interface Synthetic {
  scenario: string;
  series: MetricSeries;
  planted: Planted[];
}

export const START_DAY = "2026-01-05"; // a Monday

export function toSeries(id: string, values: readonly number[]): MetricSeries {
  const points: SeriesPoint[] = values.map((v, i) => {
    const rounded = Math.max(0, Math.round(v * 1e6) / 1e6);
    return { day: addDays(START_DAY, i), value: rounded, dollars: usdToFemto(rounded.toFixed(6)) };
  });
  return { key: { metric: "cost", scope: { dimension: "feature", value: id } }, points };
}

interface Base {
  level: number;
  weekly: number[];
  cv: number;
}

function randomBase(random: () => number): Base {
  const weekend = random() < 0.75 ? 0.35 + random() * 0.45 : 1;
  const midweek = 1 + random() * 0.15;
  return {
    level: 50 + random() * 950,
    weekly: [1, midweek, midweek, 1, 0.95, weekend, weekend],
    cv: 0.04 + random() * 0.08,
  };
}

function baseValues(base: Base, length: number, noise: () => number, shape: (i: number) => number): number[] {
  return Array.from(
    { length },
    (_, i) => base.level * shape(i) * base.weekly[i % 7]! * Math.max(0, 1 + base.cv * noise()),
  );
}

const pick = (random: () => number, from: number, to: number) => from + Math.floor(random() * (to - from + 1));

/**
 * Scenarios, each with `count` series of `length` days (default 140). Planted anomalies start on
 * day 42 or later so that the detector has its minimum history plus four weeks of noise estimate.
 */
export function generate(seed: number, count: number, length = 140): Synthetic[] {
  const random = prng(seed);
  const noise = gaussian(random);
  const out: Synthetic[] = [];
  for (let s = 0; s < count; s++) {
    const base = randomBase(random);
    out.push({
      scenario: "noise-only",
      series: toSeries(
        `noise-${s}`,
        baseValues(base, length, noise, () => 1),
      ),
      planted: [],
    });
  }
  for (let s = 0; s < count; s++) {
    const base = randomBase(random);
    const values = baseValues(base, length, noise, () => 1);
    const planted: Planted[] = [];
    for (let day = pick(random, 42, 55); day < length - 5; day += pick(random, 18, 30)) {
      const up = random() < 0.7;
      values[day]! *= up ? 1.7 + random() * 2.3 : 0.15 + random() * 0.35;
      planted.push({ kind: up ? "spike" : "drop", start: day, until: day });
    }
    out.push({ scenario: "spikes", series: toSeries(`spikes-${s}`, values), planted });
  }
  for (let s = 0; s < count; s++) {
    const base = randomBase(random);
    const at = pick(random, 50, 100);
    const factor = random() < 0.7 ? 1.4 + random() * 1.6 : 0.35 + random() * 0.3;
    const values = baseValues(base, length, noise, (i) => (i >= at ? factor : 1));
    out.push({
      scenario: "level-shift",
      series: toSeries(`shift-${s}`, values),
      planted: [{ kind: "level_shift", start: at, until: at + 6 }],
    });
  }
  for (let s = 0; s < count; s++) {
    const base = randomBase(random);
    const at = pick(random, 45, 70);
    const rate = (random() < 0.8 ? 1 : -1) * (0.01 + random() * 0.015);
    const values = baseValues(base, length, noise, (i) => (i >= at ? Math.max(0.05, 1 + rate * (i - at)) : 1));
    out.push({
      scenario: "drift",
      series: toSeries(`drift-${s}`, values),
      planted: [{ kind: "drift", start: at, until: length - 1 }],
    });
  }
  for (let s = 0; s < count; s++) {
    const density = 0.1 + random() * 0.3;
    const typical = 1 + random() * 4;
    const values = Array.from({ length }, () => (random() < density ? typical * (0.5 + random()) : 0));
    const planted: Planted[] = [];
    for (let day = pick(random, 42, 55); day < length - 5; day += pick(random, 20, 35)) {
      values[day] = 40 + random() * 160;
      planted.push({ kind: "spike", start: day, until: day });
    }
    out.push({ scenario: "sparse", series: toSeries(`sparse-${s}`, values), planted });
  }
  return out;
}
