import { describe, expect, it } from "vitest";
import { detectAnomalies } from "@/lib/anomalies/detect";
import { severityOf } from "@/lib/anomalies/impact";
import { addDays } from "@/lib/calendar/days";
import { usdToFemto } from "@/lib/money";
import type { MetricSeries } from "@/lib/anomalies/types";
import { prng } from "../fuzz/random";
import { gaussian, START_DAY, toSeries } from "./synthetic";

const WEEK = [1, 1.1, 1.1, 1, 0.95, 0.4, 0.4];

function seasonal(days: number, level: number, seed = 11, cv = 0.05): number[] {
  const noise = gaussian(prng(seed));
  return Array.from({ length: days }, (_, i) => level * WEEK[i % 7]! * (1 + cv * noise()));
}

describe("detectAnomalies", () => {
  it("draws no band before the minimum history and a band on every day after it", () => {
    const { baseline } = detectAnomalies(toSeries("f", seasonal(60, 100)));
    expect(baseline).toHaveLength(60);
    expect(baseline.slice(0, 14).every((b) => b.expected === null)).toBe(true);
    expect(
      baseline.slice(14).every((b) => b.expected !== null && b.low! <= b.expected! && b.expected! <= b.high!),
    ).toBe(true);
  });

  it("does not flag weekends of a strongly weekly series", () => {
    const { anomalies } = detectAnomalies(toSeries("f", seasonal(120, 300)));
    expect(anomalies).toEqual([]);
  });

  it("reports a one-day spike with its exact dollar impact and a severity", () => {
    const values = seasonal(70, 200);
    values[50] = values[50]! * 3;
    const series = toSeries("f", values);
    const { anomalies, baseline } = detectAnomalies(series);
    expect(anomalies).toHaveLength(1);
    const [spike] = anomalies;
    expect(spike).toMatchObject({ day: addDays(START_DAY, 50), kind: "spike", direction: "up", provisional: false });
    expect(spike!.actual).toBeGreaterThan(spike!.band.high);
    const expectedFemto = BigInt(Math.round(spike!.expected * 1e15));
    expect(spike!.dollarImpact).toBe(series.points[50]!.dollars! - expectedFemto);
    expect(spike!.severity).toBe("critical");
    expect(baseline[50]!.anomaly).toBe("spike");
  });

  it("reports a drop to near zero as a drop", () => {
    const values = seasonal(70, 200);
    values[45] = 5;
    const { anomalies } = detectAnomalies(toSeries("f", values));
    expect(anomalies.map((a) => [a.kind, a.direction])).toEqual([["drop", "down"]]);
  });

  it("keeps deviations under the minimum dollar impact out", () => {
    const values = seasonal(70, 1);
    values[50] = values[50]! * 4;
    expect(detectAnomalies(toSeries("f", values)).anomalies).toEqual([]);
    const cheap = detectAnomalies(toSeries("f", values), { minDollarImpact: usdToFemto("0.5") });
    expect(cheap.anomalies.map((a) => a.kind)).toEqual(["spike"]);
  });

  it("alerts once on a level shift and then follows the new level", () => {
    const values = seasonal(120, 200).map((v, i) => (i >= 60 ? v * 2 : v));
    const { anomalies, baseline } = detectAnomalies(toSeries("f", values));
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({ kind: "level_shift", direction: "up", day: addDays(START_DAY, 60) });
    const late = baseline[115]!;
    expect(late.expected! / (200 * WEEK[115 % 7]!)).toBeGreaterThan(1.8);
  });

  it("reports a slow drift once, as a drift, not as a shift or a string of spikes", () => {
    const values = seasonal(140, 200).map((v, i) => (i >= 50 ? v * (1 + 0.015 * (i - 50)) : v));
    const { anomalies } = detectAnomalies(toSeries("f", values));
    const drifts = anomalies.filter((a) => a.kind === "drift");
    expect(drifts.map((a) => a.direction)).toEqual(["up"]);
    expect(drifts[0]!.dollarImpact! > 0n).toBe(true);
    expect(anomalies.filter((a) => a.kind !== "drift").length).toBeLessThanOrEqual(1);
    expect(anomalies.some((a) => a.kind === "level_shift")).toBe(false);
  });

  it("gives a drift's fitted trend over its window for the chart, since its day can sit inside the band", () => {
    const values = seasonal(140, 200).map((v, i) => (i >= 50 ? v * (1 + 0.015 * (i - 50)) : v));
    const { anomalies, baseline } = detectAnomalies(toSeries("f", values));
    const drift = anomalies.find((a) => a.kind === "drift")!;
    const at = baseline.findIndex((p) => p.day === drift.day);
    const window = baseline.filter((p) => p.trend !== null);
    // The 28 days up to the detection day, a straight line from the drift's expected upwards.
    expect(window.map((p) => p.day)).toEqual(baseline.slice(at - 27, at + 1).map((p) => p.day));
    expect(window[0]!.trend).toBeCloseTo(drift.expected, 6);
    const steps = window.slice(1).map((p, i) => p.trend! - window[i]!.trend!);
    expect(steps.every((step) => Math.abs(step - steps[0]!) < 1e-9 && step > 0)).toBe(true);
  });

  it("marks a spike on the last day as provisional: it may still become a level shift", () => {
    const values = seasonal(60, 200);
    values[59] = values[59]! * 3;
    const { anomalies } = detectAnomalies(toSeries("f", values));
    expect(anomalies.at(-1)).toMatchObject({ kind: "spike", provisional: true });
  });

  it("finds a burst in a sparse series but not its ordinary active days", () => {
    const random = prng(5);
    const values = Array.from({ length: 90 }, () => (random() < 0.2 ? 2 + 3 * random() : 0));
    values[70] = 120;
    const { anomalies } = detectAnomalies(toSeries("f", values));
    expect(anomalies.map((a) => [a.day, a.kind])).toEqual([[addDays(START_DAY, 70), "spike"]]);
  });

  it("accepts missing days and undefined values, and refuses unordered days", () => {
    const full = toSeries("f", seasonal(60, 100));
    const gappy: MetricSeries = {
      key: full.key,
      points: full.points.filter((_, i) => i % 9 !== 4).map((p, i) => (i === 30 ? { ...p, value: null } : p)),
    };
    const result = detectAnomalies(gappy);
    expect(result.baseline).toHaveLength(60);
    expect(result.anomalies).toEqual([]);
    const shuffled: MetricSeries = { key: full.key, points: [full.points[1]!, full.points[0]!] };
    expect(() => detectAnomalies(shuffled)).toThrow(/ascending/);
  });

  it("prices a unit-metric deviation with dollarsPerUnit (cost per outcome x outcomes)", () => {
    const noise = gaussian(prng(2));
    const points = Array.from({ length: 60 }, (_, i) => ({
      day: addDays(START_DAY, i),
      value: i === 50 ? 0.9 : 0.3 * (1 + 0.03 * noise()),
      dollarsPerUnit: 100,
    }));
    const { anomalies } = detectAnomalies({
      key: { metric: "cost_per_outcome", outcomeType: "ticket_resolved" },
      points,
    });
    expect(anomalies).toHaveLength(1);
    const impactUsd = Number(anomalies[0]!.dollarImpact!) / 1e15;
    expect(impactUsd).toBeCloseTo((0.9 - anomalies[0]!.expected) * 100, 6);
  });
});

describe("severity rule", () => {
  const min = usdToFemto("10");
  it.each([
    // minimum impact $10; level shifts and drifts count a week of their daily impact
    ["spike", 100, 250, "150", "high"],
    ["spike", 100, 250, "250", "critical"],
    ["spike", 100, 130, "30", "medium"],
    ["spike", 100, 120, "500", "low"],
    ["level_shift", 100, 160, "30", "high"],
    ["level_shift", 100, 210, "30", "critical"],
  ] as const)("a cost %s from %d to %d costing $%s is %s", (kind, expected, actual, impact, severity) => {
    expect(
      severityOf({
        metric: "cost",
        direction: "up",
        kind,
        expected,
        actual,
        impact: impact === null ? null : usdToFemto(impact),
        minImpact: min,
      }),
    ).toBe(severity);
  });

  it("ranks a fall in the cache hit rate (adverse) by its size, and improvements as notable, never critical", () => {
    expect(
      severityOf({
        metric: "cache_hit_rate",
        direction: "down",
        kind: "drop",
        expected: 100,
        actual: 10,
        impact: null,
        minImpact: min,
      }),
    ).toBe("high");
    // A cost drop to $0 and a cache hit rate rise save money: notable, whatever their size.
    expect(
      severityOf({
        metric: "cost",
        direction: "down",
        kind: "drop",
        expected: 100,
        actual: 0,
        impact: usdToFemto("-10000"),
        minImpact: min,
      }),
    ).toBe("notable");
    expect(
      severityOf({
        metric: "cache_hit_rate",
        direction: "up",
        kind: "spike",
        expected: 0.2,
        actual: 0.689,
        impact: usdToFemto("-500"),
        minImpact: min,
      }),
    ).toBe("notable");
    expect(
      severityOf({
        metric: "tokens_per_request",
        direction: "down",
        kind: "level_shift",
        expected: 1000,
        actual: 100,
        impact: null,
        minImpact: min,
      }),
    ).toBe("notable");
    expect(
      severityOf({
        metric: "cost_per_outcome",
        direction: "up",
        kind: "spike",
        expected: 1,
        actual: 3,
        impact: usdToFemto("500"),
        minImpact: min,
      }),
    ).toBe("critical");
  });
});
