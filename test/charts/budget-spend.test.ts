import { describe, expect, it } from "vitest";
import type { BudgetStatus } from "@/lib/budgets/contracts";
import { formatTick, prepareBudgetSpend, spacedDays } from "@/lib/charts";

/** A December budget of $100 on the 10th: $30 spent so far, forecast $110 ($95 to $125). */
function status(overrides: Partial<BudgetStatus> = {}): BudgetStatus {
  return {
    budget: {
      id: "b1",
      project_id: "p1",
      name: "Support bot",
      period: "month",
      from: null,
      to: null,
      amount: "100",
      scope: {},
      actual_thresholds: [80],
      forecast_thresholds: [100],
      cost_basis: "usage",
      muted: false,
      created_by: null,
      created_at: "2026-12-01T00:00:00Z",
      updated_at: "2026-12-01T00:00:00Z",
    },
    window: {
      from: "2026-12-01",
      to: "2026-12-31",
      days: 31,
      today: "2026-12-10",
      timezone: "UTC",
      ended: false,
      started: true,
    },
    spent: "30",
    remaining: "70",
    used: 0.3,
    breached: false,
    breached_on: null,
    forecast: {
      method: "trailing mean",
      basis_from: "2026-12-03",
      basis_to: "2026-12-09",
      daily_mean: "3.6",
      daily_stddev: "1",
      amount: "110",
      low: "95",
      high: "125",
    },
    projected_breach_date: "2026-12-28",
    daily: [
      { day: "2026-12-01", spend: "10.1" },
      { day: "2026-12-02", spend: "0.2" },
      { day: "2026-12-05", spend: "19.7" },
    ],
    crossed: { actual: [], forecast: [] },
    ...overrides,
  };
}

describe("prepareBudgetSpend", () => {
  it("draws one row per day of the period with the exact cumulative spend up to today, and no line after it", () => {
    const chart = prepareBudgetSpend(status());
    expect(chart.rows).toHaveLength(31);
    expect(chart.rows.slice(0, 5).map((row) => row.exact.spend)).toEqual(["10.10", "10.30", "10.30", "10.30", "30.00"]);
    expect(chart.rows[9]).toMatchObject({ day: "2026-12-10", spend: 30 });
    expect(chart.rows[10]!.spend).toBeNull();
  });

  it("runs the forecast and its band from today's spend to the period's end, exactly", () => {
    const chart = prepareBudgetSpend(status());
    const withForecast = chart.rows.filter((row) => row.forecast !== null);
    expect(withForecast.map((row) => row.day)).toEqual(chart.rows.slice(9).map((row) => row.day));
    expect(withForecast[0]!.exact).toEqual({ spend: "30.00", forecast: "30.00", low: "30.00", high: "30.00" });
    expect(withForecast.at(-1)!.exact).toMatchObject({ forecast: "110.00", low: "95.00", high: "125.00" });
    expect(withForecast.at(-1)!.band).toEqual([95, 125]);
    // 21 steps from $30 to $110: each adds 80/21 dollars, rounded half-even to femtodollars.
    expect(withForecast[1]!.exact.forecast).toBe("33.80952380952381");
  });

  it("scales the money axis to cover the budget, the spend and the top of the band", () => {
    const chart = prepareBudgetSpend(status());
    expect(chart.budget).toBe(100);
    expect(chart.scale.max).toBeGreaterThanOrEqual(125);
    expect(chart.scale.ticks.map((tick) => formatTick(tick, "usd"))).toEqual(["$0", "$50.00", "$100", "$150"]);
  });

  it("labels the period's first and last day and evenly spaced days between", () => {
    expect(prepareBudgetSpend(status()).dayTicks).toEqual([
      "2026-12-01",
      "2026-12-09",
      "2026-12-16",
      "2026-12-24",
      "2026-12-31",
    ]);
    expect(spacedDays("2026-12-01", "2026-12-03")).toEqual(["2026-12-01", "2026-12-02", "2026-12-03"]);
    expect(spacedDays("2026-12-01", "2026-12-01")).toEqual(["2026-12-01"]);
  });

  it("marks the breach day, the real one over a projection, labelled on the side away from the spend curve", () => {
    expect(prepareBudgetSpend(status()).breach).toEqual({ day: "2026-12-28", kind: "projected", labelSide: "before" });
    expect(prepareBudgetSpend(status({ breached: true, breached_on: "2026-12-05" })).breach).toEqual({
      day: "2026-12-05",
      kind: "breached",
      labelSide: "after",
    });
    expect(prepareBudgetSpend(status({ projected_breach_date: null })).breach).toBeNull();
  });

  it("labels the budget line where the curves are not: above it at the start, or below it at the end after a breach", () => {
    expect(prepareBudgetSpend(status()).budgetLabel).toBe("below-end");
    expect(prepareBudgetSpend(status({ projected_breach_date: null })).budgetLabel).toBe("above-start");
  });

  it("draws neither spend nor forecast for a period that has not started", () => {
    const chart = prepareBudgetSpend(
      status({
        window: { ...status().window, today: "2026-11-20", started: false },
        spent: "0",
        daily: [],
      }),
    );
    expect(chart.rows.every((row) => row.spend === null && row.forecast === null)).toBe(true);
  });
});
