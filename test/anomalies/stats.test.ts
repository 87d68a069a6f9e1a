import { describe, expect, it } from "vitest";
import { mad, mannKendallZ, median, quantile, robustSigma, theilSen } from "@/lib/anomalies/stats";
import { addDays, daysBetween, dayToNumber, weekdayIndex } from "@/lib/calendar/days";
import { daysInMonth } from "@/lib/calendar/months";
import { prng } from "../fuzz/random";
import { gaussian } from "./synthetic";

describe("robust statistics", () => {
  it("takes medians of odd and even lists and NaN of none", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("ignores an outlier in the median absolute deviation", () => {
    expect(mad([1, 2, 3, 4, 1000])).toBe(1);
  });

  it("interpolates quantiles like numpy", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7);
    expect(() => quantile([1], 2)).toThrow(RangeError);
  });

  it("estimates the sigma of normal noise within 10% and is not moved by a few outliers", () => {
    const noise = gaussian(prng(7));
    const sample = Array.from({ length: 2000 }, () => 3 * noise());
    expect(robustSigma(sample)).toBeGreaterThan(2.7);
    expect(robustSigma(sample)).toBeLessThan(3.3);
    const polluted = [...sample.slice(0, 100), 500, -400, 800];
    expect(robustSigma(polluted)).toBeLessThan(4);
  });

  it("gives a sparse series the size of a typical active day as its sigma", () => {
    const deviations = [0, 0, 0, 0, 0, 0, 0, 0, 2, 4, 3];
    expect(robustSigma(deviations)).toBe(3);
  });

  it("fits a Theil–Sen line through outliers and uneven x positions", () => {
    const ys = [1, 3, 5, 7, 100, 11, 13];
    expect(theilSen(ys)).toEqual({ slope: 2, intercept: 1 });
    expect(theilSen([10, 16, 22], [0, 3, 6]).slope).toBe(2);
  });

  it("scores a monotone trend high and noise low with Mann–Kendall", () => {
    const rising = Array.from({ length: 28 }, (_, i) => i);
    expect(mannKendallZ(rising)).toBeGreaterThan(5);
    expect(mannKendallZ([...rising].reverse())).toBeLessThan(-5);
    const noise = gaussian(prng(3));
    expect(Math.abs(mannKendallZ(Array.from({ length: 28 }, () => noise())))).toBeLessThan(3);
    expect(mannKendallZ([0, 0, 0, 0])).toBe(0);
  });
});

describe("day helpers", () => {
  it("knows weekdays, month lengths and ranges", () => {
    expect(weekdayIndex("2026-11-16")).toBe(0); // Monday
    expect(weekdayIndex("2026-11-22")).toBe(6); // Sunday
    expect(daysInMonth("2028-02")).toBe(29);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2026-02-27", "2026-03-01")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
  });

  it("refuses strings that are not calendar days", () => {
    expect(() => dayToNumber("2026-02-30")).toThrow(RangeError);
    expect(() => dayToNumber("20261101")).toThrow(RangeError);
  });
});
