import { describe, expect, it } from "vitest";
import { chartRows, shiftDays } from "@/components/anomalies/chart-data";
import type { SeriesResponse } from "@/lib/anomalies/contracts";

/**
 * The anomaly chart draws what was detected: a dot outside the band only for a spike or drop, a
 * drift as its fitted trend (its day sat inside the band here), a level shift as the day it began.
 */
const point = (
  day: string,
  over: Partial<SeriesResponse["points"][number]> = {},
): SeriesResponse["points"][number] => ({
  day,
  actual: 100,
  expected: 100,
  low: 80,
  high: 120,
  anomaly: null,
  trend: null,
  ...over,
});

describe("chartRows", () => {
  const rows = chartRows([
    point("2026-11-01", { trend: 90 }),
    point("2026-11-02", { trend: 95 }),
    point("2026-11-03", { actual: 110, anomaly: "drift", trend: 100 }),
    point("2026-11-04", { actual: 200, anomaly: "spike" }),
    point("2026-11-05", { actual: 115, anomaly: "level_shift" }),
  ]);

  it("marks only a spike or drop as a day outside the band", () => {
    expect(rows.map((row) => row.flagged)).toEqual([null, null, null, 200, null]);
  });

  it("draws a drift as its fitted trend ending on the detection day, not as an outlying dot", () => {
    expect(rows.map((row) => row.trend)).toEqual([90, 95, 100, null, null]);
    expect(rows.map((row) => row.driftEnd)).toEqual([null, null, 100, null, null]);
  });

  it("marks a level shift by the day it began", () => {
    expect(shiftDays(rows)).toEqual(["2026-11-05"]);
  });
});
