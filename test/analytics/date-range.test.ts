import { describe, expect, it } from "vitest";
import { parseDateRange, rangeQuery } from "@/lib/analytics/date-range";
import { startOfLocalDay } from "@/lib/calendar/zone";

const NOW = new Date("2026-11-27T14:30:00Z");
const iso = (date: Date) => date.toISOString();

describe("parseDateRange", () => {
  it("defaults to the last 30 complete days, today left out, in UTC", () => {
    const range = parseDateRange({}, "UTC", NOW);
    expect(range.preset).toBe("30d");
    expect(range.days).toBe(30);
    expect(iso(range.from)).toBe("2026-10-28T00:00:00.000Z");
    expect(iso(range.to)).toBe("2026-11-27T00:00:00.000Z");
    expect([range.firstDay, range.lastDay, range.partialDay, range.today]).toEqual([
      "2026-10-28",
      "2026-11-26",
      null,
      "2026-11-27",
    ]);
    expect(range.label).toBe("Last 30 days");
  });

  it("gives the previous complete days just before, and says so", () => {
    const range = parseDateRange(new URLSearchParams("range=7d"), "UTC", NOW);
    expect(iso(range.from)).toBe("2026-11-20T00:00:00.000Z");
    expect(iso(range.previous.from)).toBe("2026-11-13T00:00:00.000Z");
    expect(iso(range.previous.to)).toBe("2026-11-20T00:00:00.000Z");
    expect(range.comparisonLabel).toBe("vs Nov 13 – 19, 2026 (the same number of days before)");
  });

  it("compares month to date with the same days of the previous month and marks today partial", () => {
    const range = parseDateRange({ range: "mtd" }, "UTC", new Date("2026-12-06T01:00:00Z"));
    expect([range.firstDay, range.lastDay, range.partialDay]).toEqual(["2026-12-01", "2026-12-06", "2026-12-06"]);
    expect([range.previous.firstDay, range.previous.lastDay]).toEqual(["2026-11-01", "2026-11-06"]);
    expect(range.comparisonLabel).toBe("vs Nov 1 – 6, 2026 (the same days of the previous month)");
  });

  it.each([
    ["7d", 7, "2026-11-20", "2026-11-26"],
    ["90d", 90, "2026-08-29", "2026-11-26"],
    ["mtd", 27, "2026-11-01", "2026-11-27"],
    ["last-month", 31, "2026-10-01", "2026-10-31"],
    ["wtd", 5, "2026-11-23", "2026-11-27"],
    ["last-week", 7, "2026-11-16", "2026-11-22"],
  ])("reads the %s preset", (preset, days, first, last) => {
    const range = parseDateRange({ range: preset }, "UTC", NOW);
    expect([range.days, range.firstDay, range.lastDay]).toEqual([days, first, last]);
  });

  it("counts days in the organisation's timezone, not the server's", () => {
    // 14:30 UTC on Nov 27 is already Nov 28 in Tokyo and still Nov 27 in Los Angeles.
    const tokyo = parseDateRange({ range: "7d" }, "Asia/Tokyo", new Date("2026-11-27T16:00:00Z"));
    expect(tokyo.lastDay).toBe("2026-11-27");
    expect(iso(tokyo.to)).toBe("2026-11-27T15:00:00.000Z");
    const la = parseDateRange({ range: "7d" }, "America/Los_Angeles", new Date("2026-11-28T05:00:00Z"));
    expect(la.lastDay).toBe("2026-11-26");
    expect(iso(la.to)).toBe("2026-11-27T08:00:00.000Z");
  });

  it("spans a DST change with days of 23 or 25 hours", () => {
    const range = parseDateRange({ from: "2026-03-07", to: "2026-03-08" }, "America/New_York", NOW);
    expect(iso(range.from)).toBe("2026-03-07T05:00:00.000Z");
    expect(iso(range.to)).toBe("2026-03-09T04:00:00.000Z");
    expect(range.days).toBe(2);
  });

  it("starts a day at 01:00 where midnight does not exist", () => {
    // Santiago springs forward at 00:00 on 2026-09-06: the day starts at 01:00 local (-03:00).
    expect(iso(startOfLocalDay("2026-09-06", "America/Santiago"))).toBe("2026-09-06T04:00:00.000Z");
  });

  it("reads a custom range with both days included", () => {
    const range = parseDateRange({ from: "2026-11-01", to: "2026-11-10" }, "UTC", NOW);
    expect(range.preset).toBe("custom");
    expect(range.days).toBe(10);
    expect(iso(range.to)).toBe("2026-11-11T00:00:00.000Z");
    expect(range.label).toBe("Nov 1 – 10, 2026");
    expect(rangeQuery(range)).toEqual({ from: "2026-11-01", to: "2026-11-10" });
  });

  it.each<[Record<string, string>, string, RegExp | null]>([
    [{ from: "2026-11-10", to: "2026-11-01" }, "reversed", /^from 2026-11-10 is after to 2026-11-01$/],
    [{ from: "2026-02-30", to: "2026-03-01" }, "impossible date", /^from: not a calendar day/],
    [{ from: "2026-11-01" }, "half a range", null],
    [{ from: "yesterday", to: "today" }, "not dates", /^from: a day as YYYY-MM-DD$/],
    [{ from: "2026-11-01", to: "soon" }, "not a date", /^to: a day as YYYY-MM-DD$/],
    [
      { from: "2020-01-01", to: "2026-01-01" },
      "longer than two years",
      /^2193 days, more than the \d+ a period may span$/,
    ],
    [{ range: "365d" }, "unknown preset", null],
  ])("falls back to the default for %j (%s), saying why it left out from/to", (params, _case, ignored) => {
    const range = parseDateRange(params, "UTC", NOW);
    expect(range.preset).toBe("30d");
    if (ignored) expect(range.ignored).toMatch(ignored);
    else expect(range.ignored).toBeNull();
  });

  it("prefers a valid custom range over a preset and takes the first of repeated values", () => {
    expect(parseDateRange({ range: "7d", from: "2026-11-01", to: "2026-11-02" }, "UTC", NOW).preset).toBe("custom");
    expect(parseDateRange({ range: ["90d", "7d"] }, "UTC", NOW).days).toBe(90);
  });

  it("treats an unknown timezone as UTC", () => {
    expect(parseDateRange({}, "Mars/Olympus", NOW).timezone).toBe("UTC");
  });

  it("starts weeks on the organisation's chosen day", () => {
    // Friday 2026-11-27: weeks from Sunday start on the 22nd, weeks from Saturday on the 21st.
    expect(parseDateRange({ range: "wtd" }, { timezone: "UTC", weekStart: 0 }, NOW).firstDay).toBe("2026-11-22");
    expect(parseDateRange({ range: "wtd" }, { timezone: "UTC", weekStart: 6 }, NOW).firstDay).toBe("2026-11-21");
    expect(parseDateRange({ range: "wtd" }, { timezone: "UTC", weekStart: 5 }, NOW).firstDay).toBe("2026-11-27");
  });

  it("handles last month across a year boundary", () => {
    const range = parseDateRange({ range: "last-month" }, "UTC", new Date("2027-01-05T00:00:00Z"));
    expect([range.firstDay, range.lastDay, range.days]).toEqual(["2026-12-01", "2026-12-31", 31]);
  });
});
