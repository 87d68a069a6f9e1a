import { describe, expect, it } from "vitest";
import { forecastMonthEnd, type DailySpend } from "@/lib/digest/forecast";
import { addDays, weekdayIndex } from "@/lib/calendar/days";
import { usdToFemto } from "@/lib/money";

const usd = usdToFemto;
function days(from: string, count: number, cost: (day: string) => string): DailySpend[] {
  return Array.from({ length: count }, (_, i) => addDays(from, i)).map((day) => ({ day, cost: usd(cost(day)) }));
}

describe("forecastMonthEnd", () => {
  it("adds the remaining days at the trailing 7-day average when history is short", () => {
    const daily = days("2026-11-01", 10, () => "10");
    const f = forecastMonthEnd(daily, "2026-11-10");
    expect(f).toMatchObject({
      month: "2026-11",
      monthToDate: usd("100"),
      remainingDays: 20,
      dailyAverage: usd("10"),
      method: "trailing_average",
    });
    expect(f.forecast).toBe(usd("300"));
    expect(f.explanation).toBe(
      "$100.00 so far this month plus 20 remaining days at the last 7 days' average of $10.00 a day.",
    );
  });

  it("weights remaining days by weekday once four weeks of history exist", () => {
    // weekdays cost $100, weekends $40: the trailing week averages $82.86 a day
    const daily = days("2026-10-01", 46, (day) => (weekdayIndex(day) >= 5 ? "40" : "100"));
    const f = forecastMonthEnd(daily, "2026-11-15"); // a Sunday
    expect(f.method).toBe("weekday_weighted");
    expect(f.remainingDays).toBe(15);
    // 16-30 Nov: 11 weekdays and 4 weekend days, each at its own weekday's cost
    const rest = 11n * usd("100") + 4n * usd("40");
    expect(f.forecast).toBe(f.monthToDate + rest);
    expect(f.monthToDate).toBe(10n * usd("100") + 5n * usd("40"));
  });

  it("forecasts the month-to-date on its last day, and counts missing days as zero", () => {
    const daily = days("2026-11-01", 30, () => "1.5").filter((d) => d.day !== "2026-11-29");
    const f = forecastMonthEnd(daily, "2026-11-30");
    expect(f.remainingDays).toBe(0);
    expect(f.forecast).toBe(usd("43.5"));
    expect(f.explanation).toContain("0 remaining days");
  });

  it("stays exact with sub-cent daily costs", () => {
    const daily = days("2026-02-01", 7, () => "0.000000125");
    const f = forecastMonthEnd(daily, "2026-02-07");
    expect(f.forecast).toBe(28n * usd("0.000000125"));
  });

  it("handles a project with no spend at all", () => {
    expect(forecastMonthEnd([], "2026-11-10").forecast).toBe(0n);
  });
});
