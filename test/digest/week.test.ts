import { describe, expect, it } from "vitest";
import {
  isoWeekOf,
  isoWeeksInYear,
  lastCompleteWeek,
  parseWeekKey,
  shiftWeek,
  weekKeyAt,
  weekMonday,
  weekRange,
} from "@/lib/calendar/week";
import { localDay, startOfLocalDay } from "@/lib/calendar/zone";

const HOUR = 3_600_000;

describe("ISO week keys", () => {
  it.each([
    ["2026-11-16", 2026, 47],
    ["2026-11-22", 2026, 47],
    ["2021-01-03", 2020, 53], // Sunday of the last week of 2020
    ["2024-12-30", 2025, 1], // Monday of week 1 of 2025
    ["2027-01-01", 2026, 53],
  ])("puts %s in %i-W%i", (day, year, week) => {
    expect(isoWeekOf(day)).toEqual({ year, week });
  });

  it("knows which years have 53 weeks and refuses weeks that do not exist", () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(() => parseWeekKey("2025-W53")).toThrow(/no week 53/);
    expect(() => parseWeekKey("2025-47")).toThrow(/not an ISO week key/);
  });

  it("finds Mondays and moves across year ends", () => {
    expect(weekMonday("2026-W47")).toBe("2026-11-16");
    expect(weekMonday("2026-W01")).toBe("2025-12-29");
    expect(shiftWeek("2026-W01", -1)).toBe("2025-W52");
    expect(shiftWeek("2026-W53", 1)).toBe("2027-W01");
  });

  it("keys an instant by the member's local date, not the server's", () => {
    const instant = new Date("2026-11-22T23:30:00Z"); // Sunday in UTC, Monday in Berlin
    expect(weekKeyAt(instant, "UTC")).toBe("2026-W47");
    expect(weekKeyAt(instant, "Europe/Berlin")).toBe("2026-W48");
    expect(weekKeyAt(instant, "America/Los_Angeles")).toBe("2026-W47");
    expect(lastCompleteWeek(instant, "Europe/Berlin")).toBe("2026-W47");
  });

  it("refuses unknown time zones by name", () => {
    expect(() => weekKeyAt(new Date(), "Mars/Olympus")).toThrow(/unknown time zone: "Mars\/Olympus"/);
  });
});

describe("week ranges across daylight-saving changes", () => {
  it("is 168 hours in a week without a change", () => {
    const range = weekRange("2026-W47", "Europe/Berlin");
    expect(range.start.toISOString()).toBe("2026-11-15T23:00:00.000Z");
    expect(range.end.getTime() - range.start.getTime()).toBe(168 * HOUR);
  });

  it("is 167 hours in the week clocks go forward and 169 when they go back", () => {
    const spring = weekRange("2026-W13", "Europe/Berlin"); // 29 Mar 2026
    expect(spring.start.toISOString()).toBe("2026-03-22T23:00:00.000Z");
    expect(spring.end.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    const autumn = weekRange("2026-W44", "America/New_York"); // 1 Nov 2026
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(169 * HOUR);
  });

  it("gives each local instant exactly one week, so consecutive weeks tile time", () => {
    const a = weekRange("2026-W13", "Europe/Berlin");
    const b = weekRange("2026-W14", "Europe/Berlin");
    expect(b.start.getTime()).toBe(a.end.getTime());
    expect(weekKeyAt(new Date(a.end.getTime() - 1), "Europe/Berlin")).toBe("2026-W13");
    expect(weekKeyAt(a.end, "Europe/Berlin")).toBe("2026-W14");
  });

  it("starts a day whose midnight is skipped at the end of the gap", () => {
    // Chile moved clocks from 00:00 to 01:00 on Sunday 6 Sep 2026.
    const start = startOfLocalDay("2026-09-06", "America/Santiago");
    expect(localDay(start, "America/Santiago")).toBe("2026-09-06");
    expect(localDay(new Date(start.getTime() - 1000), "America/Santiago")).toBe("2026-09-05");
  });

  it("handles zones east of UTC with half-hour offsets", () => {
    expect(weekRange("2026-W47", "Asia/Kolkata").start.toISOString()).toBe("2026-11-15T18:30:00.000Z");
  });
});
