import { describe, expect, it } from "vitest";
import { breachedOn, forecastSpend, projectedBreachDate } from "@/lib/budgets/forecast";
import { budgetWindow, daysAfter } from "@/lib/budgets/period";
import { budgetInputSchema } from "@/lib/budgets/schema";
import { crossedThresholds, forecastCrossings } from "@/lib/budgets/thresholds";
import { budgetApplies } from "@/lib/budgets/db/check";
import { usdToFemto } from "@/lib/money";

const usd = usdToFemto;
const month = (today: string) => budgetWindow({ period: "month", from: null, to: null }, today);
const quarter = (today: string) => budgetWindow({ period: "quarter", from: null, to: null }, today);

describe("budget periods", () => {
  it("a month is the calendar month holding today, leap years included", () => {
    expect(month("2026-02-14")).toEqual({ from: "2026-02-01", to: "2026-02-28", days: 28 });
    expect(month("2028-02-29")).toEqual({ from: "2028-02-01", to: "2028-02-29", days: 29 });
    expect(month("2026-12-31")).toEqual({ from: "2026-12-01", to: "2026-12-31", days: 31 });
  });

  it("a quarter is the calendar quarter holding today", () => {
    expect(quarter("2026-11-20")).toEqual({ from: "2026-10-01", to: "2026-12-31", days: 92 });
    expect(quarter("2026-01-01")).toEqual({ from: "2026-01-01", to: "2026-03-31", days: 90 });
    expect(quarter("2026-06-30")).toEqual({ from: "2026-04-01", to: "2026-06-30", days: 91 });
  });

  it("a custom range is taken as written; days left count after today", () => {
    const window = budgetWindow({ period: "custom", from: "2026-03-10", to: "2026-03-19" }, "2026-03-12");
    expect(window).toEqual({ from: "2026-03-10", to: "2026-03-19", days: 10 });
    expect(daysAfter("2026-03-12", window)).toBe(7);
    expect(daysAfter("2026-03-19", window)).toBe(0);
    expect(daysAfter("2026-04-01", window)).toBe(0);
    expect(daysAfter("2026-03-01", window)).toBe(10);
  });
});

describe("thresholds, exactly", () => {
  it("a femtodollar below 80% has not crossed 80", () => {
    expect(crossedThresholds(usd("79.999999999999999"), usd("100"), [100, 50, 80])).toEqual([50]);
    expect(crossedThresholds(usd("80"), usd("100"), [50, 80, 100])).toEqual([50, 80]);
    expect(crossedThresholds(usd("0.1") + usd("0.2"), usd("0.3"), [100])).toEqual([100]);
  });

  it("does not report a forecast threshold the spend has already reached as an actual one", () => {
    const thresholds = { actual: [50, 80, 100], forecast: [100] };
    // Over budget already: "reached 100%" says it; a forecast alert would add nothing.
    expect(forecastCrossings(usd("12"), usd("58"), usd("10"), thresholds)).toEqual([]);
    // Not there yet: the forecast warns ahead.
    expect(forecastCrossings(usd("6"), usd("11"), usd("10"), thresholds)).toEqual([100]);
    // 100% only as a forecast threshold: kept even when the spend passed it, or nothing would say so.
    expect(forecastCrossings(usd("12"), usd("58"), usd("10"), { actual: [50, 80], forecast: [100] })).toEqual([100]);
  });
});

describe("the forecast", () => {
  const window = month("2026-11-20"); // 10 days left after the 20th
  const daily = (values: string[]) =>
    new Map(values.map((value, i) => [`2026-11-${String(13 + i).padStart(2, "0")}`, usd(value)]));

  it("is spend so far + the trailing 7 complete days' mean × days left, with a zero band for a steady rate", () => {
    const result = forecastSpend(daily(["10", "10", "10", "10", "10", "10", "10"]), usd("195.5"), "2026-11-20", window);
    expect(result.forecast).toMatchObject({
      basis_from: "2026-11-13",
      basis_to: "2026-11-19",
      daily_mean: "10.00",
      daily_stddev: "0.00",
      amount: "295.50",
      low: "295.50",
      high: "295.50",
    });
    expect(result.forecast.method).toContain("trailing 7 complete days");
  });

  it("widens the band by 1.96 × sd × √(days left) and never below the spend so far", () => {
    // mean 4, sample sd of [1,2,3,4,5,6,7] = sqrt(28/6)
    const result = forecastSpend(daily(["1", "2", "3", "4", "5", "6", "7"]), usd("50"), "2026-11-20", window);
    const half = 1.96 * Math.sqrt(28 / 6) * Math.sqrt(10);
    expect(result.forecast.amount).toBe("90.00");
    expect(Number(result.forecast.high)).toBeCloseTo(90 + half, 9);
    expect(Number(result.forecast.low)).toBeCloseTo(90 - half, 9);
    const early = forecastSpend(daily(["0", "0", "0", "0", "0", "0", "70"]), usd("1"), "2026-11-20", window);
    expect(early.forecast.low).toBe("1.00");
  });

  it("ignores today (incomplete) and days before the trailing week", () => {
    const days = daily(["10", "10", "10", "10", "10", "10", "10"]);
    days.set("2026-11-20", usd("999"));
    days.set("2026-11-12", usd("999"));
    expect(forecastSpend(days, 0n, "2026-11-20", window).forecast.daily_mean).toBe("10.00");
  });

  it("projects the breach day at the mean rate, inside the period only", () => {
    expect(projectedBreachDate(usd("250"), usd("10"), usd("300"), "2026-11-20", window)).toBe("2026-11-25");
    expect(projectedBreachDate(usd("250"), usd("10"), usd("255"), "2026-11-20", window)).toBe("2026-11-21");
    expect(projectedBreachDate(usd("250"), usd("10"), usd("400"), "2026-11-20", window)).toBeNull();
    expect(projectedBreachDate(usd("250"), 0n, usd("300"), "2026-11-20", window)).toBeNull();
    expect(projectedBreachDate(usd("300"), usd("10"), usd("300"), "2026-11-20", window)).toBeNull();
  });

  it("dates an actual breach on the day the running sum reached the amount", () => {
    const days = new Map([
      ["2026-11-02", usd("40")],
      ["2026-11-05", usd("60")],
      ["2026-11-06", usd("1")],
    ]);
    expect(breachedOn(days, usd("100"), window, "2026-11-20")).toBe("2026-11-05");
    expect(breachedOn(days, usd("102"), window, "2026-11-20")).toBeNull();
  });
});

describe("budget input", () => {
  const parse = (value: unknown) => budgetInputSchema.safeParse(value);
  const messages = (value: unknown) => {
    const result = parse(value);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  };

  it("takes a customer × feature budget with defaults and exact amounts", () => {
    const result = parse({
      name: "Acme bot",
      period: "month",
      amount: "2500.000000000000001",
      scope: { customer: "acme", feature: "support-bot", model: null },
    });
    expect(result.success).toBe(true);
    expect(result.data!.amount).toBe(2_500_000_000_000_000_001n);
    expect(result.data!.scope).toEqual({ customer: "acme", feature: "support-bot" });
    expect(result.data!.actual_thresholds).toEqual([50, 80, 100]);
  });

  it.each([
    [{ period: "month", amount: "1" }, "name"],
    [{ name: "x", period: "week", amount: "1" }, "period"],
    [{ name: "x", period: "month", amount: "-5" }, "amount"],
    [{ name: "x", period: "month", amount: "1.0000000000000001" }, "amount"],
    [{ name: "x", period: "month", amount: "abc" }, "amount"],
    [{ name: "x", period: "custom", amount: "1", from: "2026-03-01" }, "to"],
    [{ name: "x", period: "custom", amount: "1", from: "2026-03-05", to: "2026-03-01" }, "to"],
    [{ name: "x", period: "month", amount: "1", from: "2026-03-05" }, "from"],
    [{ name: "x", period: "month", amount: "1", actual_thresholds: [50, 50] }, "actual_thresholds"],
    [{ name: "x", period: "month", amount: "1", forecast_thresholds: [0] }, "forecast_thresholds.0"],
    [{ name: "x", period: "month", amount: "1", scope: { colour: "red" } }, "scope"],
    [{ name: "x", period: "month", amount: "1", scope: { customer: "" } }, "scope.customer"],
    [{ name: "x", period: "month", amount: "1", cost_basis: "gpu" }, "cost_basis"],
  ])("%j is refused naming %s", (value, field) => {
    expect(messages(value).some((line) => line.startsWith(`${field}:`))).toBe(true);
  });

  it("applies a budget to a call only when every dimension it names matches", () => {
    expect(budgetApplies({ scope: {} }, { customer: "acme" })).toBe(true);
    expect(
      budgetApplies(
        { scope: { customer: "acme", feature: "bot" } },
        { customer: "acme", feature: "bot", model: "gpt-4o" },
      ),
    ).toBe(true);
    expect(budgetApplies({ scope: { customer: "acme", feature: "bot" } }, { customer: "acme" })).toBe(false);
    expect(budgetApplies({ scope: { model: "gpt-4o" } }, { model: "gpt-4o-mini" })).toBe(false);
  });
});
