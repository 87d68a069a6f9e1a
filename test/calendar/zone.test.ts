import { describe, expect, it } from "vitest";
import { localHour } from "@/lib/calendar/zone";

describe("localHour", () => {
  it("reads the hour in the zone, on both sides of a DST change", () => {
    // Berlin: +01:00 in winter, +02:00 from 2026-03-29 01:00 UTC.
    expect(localHour(new Date("2026-03-29T00:30:00Z"), "Europe/Berlin")).toBe(1);
    expect(localHour(new Date("2026-03-29T01:30:00Z"), "Europe/Berlin")).toBe(3);
    expect(localHour(new Date("2026-11-20T23:59:59Z"), "Asia/Kolkata")).toBe(5);
    expect(localHour(new Date("2026-11-20T04:00:00Z"), "America/Los_Angeles")).toBe(20);
  });

  it("names an unknown zone in its error", () => {
    expect(() => localHour(new Date(), "Mars/Olympus")).toThrow('unknown time zone: "Mars/Olympus"');
  });
});
