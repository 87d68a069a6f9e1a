import { describe, expect, it } from "vitest";
import { resolvePeriod, weekStartOf, formatWindow } from "@/lib/analytics/period";
import type { OrgCalendar } from "@/lib/calendar/org-calendar";

const utc: OrgCalendar = { timezone: "UTC", weekStart: 1 };
const at = (iso: string) => new Date(iso);
const windows = (range: Parameters<typeof resolvePeriod>[0], calendar: OrgCalendar | string, now: string) => {
  const period = resolvePeriod(range, calendar, at(now));
  return {
    current: [period.current.from, period.current.to, period.current.days],
    previous: [period.previous.from, period.previous.to, period.previous.days],
    comparison: period.comparison,
    partial: period.current.partial_day,
  };
};

describe("resolvePeriod: last N complete days", () => {
  it.each([
    ["7d", ["2026-11-29", "2026-12-05", 7], ["2026-11-22", "2026-11-28", 7]],
    ["30d", ["2026-11-06", "2026-12-05", 30], ["2026-10-07", "2026-11-05", 30]],
    ["90d", ["2026-09-07", "2026-12-05", 90], ["2026-06-09", "2026-09-06", 90]],
  ] as const)("%s ends yesterday and compares with the N days before", (range, current, previous) => {
    expect(windows({ range }, utc, "2026-12-06T03:00:00Z")).toEqual({
      current,
      previous,
      comparison: "previous-days",
      partial: null,
    });
  });

  it("defaults to 30 complete days", () => {
    expect(windows({}, utc, "2026-12-06T03:00:00Z").current).toEqual(["2026-11-06", "2026-12-05", 30]);
  });

  it("reports today apart, as the day the period leaves out", () => {
    expect(resolvePeriod({ range: "7d" }, utc, at("2026-12-06T03:00:00Z")).today).toBe("2026-12-06");
  });
});

describe("resolvePeriod: months", () => {
  it("compares month to date with the same days of the previous month", () => {
    expect(windows({ range: "mtd" }, utc, "2026-12-06T03:00:00Z")).toEqual({
      current: ["2026-12-01", "2026-12-06", 6],
      previous: ["2026-11-01", "2026-11-06", 6],
      comparison: "same-days-previous-month",
      partial: "2026-12-06",
    });
  });

  it.each([
    ["2026-03-31T12:00:00Z", ["2026-03-01", "2026-03-31", 31], ["2026-02-01", "2026-02-28", 28]],
    ["2028-03-31T12:00:00Z", ["2028-03-01", "2028-03-31", 31], ["2028-02-01", "2028-02-29", 29]],
    ["2028-03-29T12:00:00Z", ["2028-03-01", "2028-03-29", 29], ["2028-02-01", "2028-02-29", 29]],
    ["2026-05-31T12:00:00Z", ["2026-05-01", "2026-05-31", 31], ["2026-04-01", "2026-04-30", 30]],
    ["2027-01-01T12:00:00Z", ["2027-01-01", "2027-01-01", 1], ["2026-12-01", "2026-12-01", 1]],
  ] as const)("clips month to date on %s to the previous month's length", (now, current, previous) => {
    const result = windows({ range: "mtd" }, utc, now);
    expect([result.current, result.previous]).toEqual([current, previous]);
  });

  it.each([
    ["2026-12-06T03:00:00Z", ["2026-11-01", "2026-11-30", 30], ["2026-10-01", "2026-10-31", 31]],
    ["2026-04-10T03:00:00Z", ["2026-03-01", "2026-03-31", 31], ["2026-02-01", "2026-02-28", 28]],
    ["2028-03-02T03:00:00Z", ["2028-02-01", "2028-02-29", 29], ["2028-01-01", "2028-01-31", 31]],
    ["2027-01-05T03:00:00Z", ["2026-12-01", "2026-12-31", 31], ["2026-11-01", "2026-11-30", 30]],
  ] as const)("compares last month (now %s) with the whole month before", (now, current, previous) => {
    expect(windows({ range: "last-month" }, utc, now)).toMatchObject({
      current,
      previous,
      comparison: "previous-month",
      partial: null,
    });
  });

  it("compares a custom range that is exactly one month with the whole previous month", () => {
    expect(windows({ from: "2026-03-01", to: "2026-03-31" }, utc, "2026-12-06T03:00:00Z")).toMatchObject({
      previous: ["2026-02-01", "2026-02-28", 28],
      comparison: "previous-month",
    });
    expect(windows({ from: "2026-03-02", to: "2026-03-31" }, utc, "2026-12-06T03:00:00Z")).toMatchObject({
      previous: ["2026-01-31", "2026-03-01", 30],
      comparison: "previous-days",
    });
  });
});

describe("resolvePeriod: weeks", () => {
  it("starts weeks on the organisation's weekday", () => {
    // Sunday 2026-12-06.
    expect(windows({ range: "wtd" }, { timezone: "UTC", weekStart: 1 }, "2026-12-06T12:00:00Z")).toEqual({
      current: ["2026-11-30", "2026-12-06", 7],
      previous: ["2026-11-23", "2026-11-29", 7],
      comparison: "same-days-previous-week",
      partial: "2026-12-06",
    });
    expect(windows({ range: "wtd" }, { timezone: "UTC", weekStart: 0 }, "2026-12-06T12:00:00Z")).toMatchObject({
      current: ["2026-12-06", "2026-12-06", 1],
      previous: ["2026-11-29", "2026-11-29", 1],
    });
    expect(windows({ range: "last-week" }, { timezone: "UTC", weekStart: 0 }, "2026-12-06T12:00:00Z")).toEqual({
      current: ["2026-11-29", "2026-12-05", 7],
      previous: ["2026-11-22", "2026-11-28", 7],
      comparison: "previous-week",
      partial: null,
    });
  });

  it.each([0, 1, 2, 3, 4, 5, 6] as const)(
    "week start %i gives a day of that weekday within the last 7 days",
    (weekStart) => {
      for (const day of ["2026-12-01", "2026-12-02", "2026-12-06", "2028-02-29", "2000-01-01"]) {
        const first = weekStartOf(day, weekStart);
        expect(new Date(`${first}T00:00:00Z`).getUTCDay()).toBe(weekStart);
        const back = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000;
        expect(back).toBeGreaterThanOrEqual(0);
        expect(back).toBeLessThan(7);
      }
    },
  );
});

describe("resolvePeriod: timezones", () => {
  it("reads today in the organisation's zone, not the server's", () => {
    // 2026-12-06T03:00Z is still Dec 5 in Los Angeles and already Dec 6 in Tokyo.
    expect(windows({ range: "mtd" }, "America/Los_Angeles", "2026-12-06T03:00:00Z").current).toEqual([
      "2026-12-01",
      "2026-12-05",
      5,
    ]);
    expect(windows({ range: "7d" }, "Asia/Tokyo", "2026-12-05T16:00:00Z").current).toEqual([
      "2026-11-29",
      "2026-12-05",
      7,
    ]);
  });

  it("counts calendar days across DST changes (a 23-hour and a 25-hour day are one day each)", () => {
    // New York springs forward on 2026-03-08 and falls back on 2026-11-01.
    expect(windows({ range: "7d" }, "America/New_York", "2026-03-10T12:00:00Z").current).toEqual([
      "2026-03-03",
      "2026-03-09",
      7,
    ]);
    expect(windows({ range: "mtd" }, "America/New_York", "2026-11-01T04:30:00Z").current).toEqual([
      "2026-11-01",
      "2026-11-01",
      1,
    ]);
    expect(windows({ range: "mtd" }, "America/New_York", "2026-11-01T03:30:00Z").current).toEqual([
      "2026-10-01",
      "2026-10-31",
      31,
    ]);
    // Lord Howe shifts by 30 minutes; Chatham is UTC+13:45 in its summer.
    expect(windows({ range: "mtd" }, "Pacific/Chatham", "2026-11-30T10:30:00Z").current).toEqual([
      "2026-12-01",
      "2026-12-01",
      1,
    ]);
  });

  it("reads an unknown zone as UTC", () => {
    expect(resolvePeriod({ range: "7d" }, "Mars/Olympus", at("2026-12-06T03:00:00Z")).current.timezone).toBe("UTC");
  });
});

describe("formatWindow", () => {
  it.each([
    ["2026-11-01", "2026-11-06", "Nov 1 – 6, 2026"],
    ["2026-11-25", "2026-12-01", "Nov 25 – Dec 1, 2026"],
    ["2026-12-28", "2027-01-03", "Dec 28, 2026 – Jan 3, 2027"],
    ["2026-11-06", "2026-11-06", "Nov 6, 2026"],
  ])("%s to %s reads %s", (from, to, text) => {
    expect(formatWindow(from, to)).toBe(text);
  });
});
