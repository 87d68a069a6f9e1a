import { describe, expect, it } from "vitest";
import { segmentReads } from "@/lib/margins/db/usage-segments";

describe("segmentReads: where each segment's sums come from", () => {
  it("reads whole months from the month rows", () => {
    expect(segmentReads({ from: "2026-01-01", to: "2026-03-31" }, [])).toEqual([
      { segment: "2026-01-01", sign: 1, source: { month: "2026-01" } },
      { segment: "2026-02-01", sign: 1, source: { month: "2026-02" } },
      { segment: "2026-03-01", sign: 1, source: { month: "2026-03" } },
    ]);
  });

  it("reads an edge month as its days or as the month minus the days around, whichever is fewer", () => {
    expect(segmentReads({ from: "2026-09-08", to: "2026-12-06" }, [])).toEqual([
      { segment: "2026-09-08", sign: 1, source: { month: "2026-09" } },
      { segment: "2026-09-08", sign: -1, source: { from: "2026-09-01", to: "2026-09-07" } },
      { segment: "2026-10-01", sign: 1, source: { month: "2026-10" } },
      { segment: "2026-11-01", sign: 1, source: { month: "2026-11" } },
      { segment: "2026-12-01", sign: 1, source: { from: "2026-12-01", to: "2026-12-06" } },
    ]);
    // With nothing after 2026-12-07 yet, December's row minus its (empty) rest is cheaper than its days.
    expect(segmentReads({ from: "2026-09-08", to: "2026-12-06" }, [], "2026-12-07").slice(-2)).toEqual([
      { segment: "2026-12-01", sign: 1, source: { month: "2026-12" } },
      { segment: "2026-12-01", sign: -1, source: { from: "2026-12-07", to: "2026-12-31" } },
    ]);
    // Inside one month: a week's days, not the month minus 24 days around it.
    expect(segmentReads({ from: "2026-03-10", to: "2026-03-16" }, [])).toEqual([
      { segment: "2026-03-10", sign: 1, source: { from: "2026-03-10", to: "2026-03-16" } },
    ]);
  });

  it("cuts a month where a plan takes effect, reading the longest segment through the month row", () => {
    expect(segmentReads({ from: "2026-03-01", to: "2026-03-31" }, ["2026-02-10", "2026-03-20", "2026-04-01"])).toEqual([
      { segment: "2026-03-01", sign: 1, source: { month: "2026-03" } },
      { segment: "2026-03-01", sign: -1, source: { from: "2026-03-20", to: "2026-03-31" } },
      { segment: "2026-03-20", sign: 1, source: { from: "2026-03-20", to: "2026-03-31" } },
    ]);
    // Cut into three nearly equal parts, the days are fewer than the month and its corrections.
    expect(
      segmentReads({ from: "2026-03-01", to: "2026-03-31" }, ["2026-03-11", "2026-03-21"]).map((read) => read.source),
    ).toEqual([
      { from: "2026-03-01", to: "2026-03-10" },
      { from: "2026-03-11", to: "2026-03-20" },
      { from: "2026-03-21", to: "2026-03-31" },
    ]);
  });
});
