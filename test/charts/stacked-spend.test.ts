import { describe, expect, it } from "vitest";
import { OTHER_COLOR, prepareCompare, prepareStackedSpend, verdictOf, type SeriesInput } from "@/lib/charts";

const days = ["2026-11-01", "2026-11-02", "2026-11-03"];
function series(key: string, spend: string[], isOther = false): SeriesInput {
  const total = spend.reduce((sum, value) => sum + Number(value), 0).toFixed(2);
  return { key, provider: null, is_other: isOther, total_spend: total, spend };
}

describe("prepareStackedSpend", () => {
  const input = {
    days,
    active_days: ["2026-11-02", "2026-11-03"],
    series: [
      series("summarize", ["0", "1.10", "2.20"]),
      series("support-bot", ["0", "5.00", "5.00"]),
      series("search", ["0", "0.10", "0.20"]),
      series("__other__", ["0", "0.01", "0.02"], true),
    ],
  };

  it("stacks the largest series at the bottom and Other on top", () => {
    const chart = prepareStackedSpend(input);
    expect(chart.series.map((item) => item.label)).toEqual(["support-bot", "summarize", "search", "Other"]);
    expect(chart.series.map((item) => item.dataKey)).toEqual(["s0", "s1", "s2", "s3"]);
    expect(chart.series[3]!.color).toBe(OTHER_COLOR);
  });

  it("refolds to the allowed number of series with exact sums", () => {
    const chart = prepareStackedSpend(input, { maxSeries: 1 });
    expect(chart.series.map((item) => item.label)).toEqual(["support-bot", "Other"]);
    expect(chart.rows[2]!.exact.s1).toBe("2.420000000000000");
    expect(chart.total).toBe("13.630000000000000");
  });

  it("draws days before the first event as gaps (null) and keeps exact totals per bucket", () => {
    const chart = prepareStackedSpend(input);
    expect(chart.rows[0]).toMatchObject({ gap: true, s0: null, total: "0.000000000000000" });
    expect(chart.rows[1]).toMatchObject({ gap: false, s0: 5, label: "Nov 2" });
    expect(chart.rows[1]!.total).toBe("6.210000000000000");
    expect(chart.scale.max).toBeGreaterThanOrEqual(7.42);
    expect(chart.empty).toBe(false);
  });

  it("labels events without the attribute as not set", () => {
    const chart = prepareStackedSpend({ days, active_days: days, series: [series("", ["1", "1", "1"])] });
    expect(chart.series[0]!.label).toBe("(not set)");
  });

  it("is empty without active days", () => {
    expect(prepareStackedSpend({ days, active_days: [], series: [] }).empty).toBe(true);
  });

  it("draws long ranges by week", () => {
    const long = Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    const chart = prepareStackedSpend({
      days: long,
      active_days: long,
      series: [
        series(
          "a",
          long.map(() => "0.5"),
        ),
      ],
    });
    expect(chart.granularity).toBe("week");
    expect(chart.rows[1]!.label).toBe("Wk of Jan 5");
    expect(chart.rows[1]!.exact.s0).toBe("3.500000000000000");
  });
});

describe("prepareCompare", () => {
  it("says cheaper when the saving is positive, on exact amounts", () => {
    expect(verdictOf("0.000000000000001")).toBe("cheaper");
    expect(verdictOf("-0.01")).toBe("dearer");
    expect(verdictOf("0.00")).toBe("same");
  });

  it("pairs actual and counterfactual per bucket", () => {
    const chart = prepareCompare({
      actual: "3",
      counterfactual: "1",
      saving: "2",
      saving_share: 2 / 3,
      by_day: [
        { day: "2026-11-01", actual: "1", counterfactual: "0.3" },
        { day: "2026-11-02", actual: "2", counterfactual: "0.7" },
      ],
    });
    expect(chart.verdict).toBe("cheaper");
    expect(chart.rows[1]).toMatchObject({
      label: "Nov 2",
      actual: 2,
      counterfactual: 0.7,
      exactCounterfactual: "0.700000000000000",
    });
  });
});
