import { describe, expect, it } from "vitest";
import { bucketStart, chooseGranularity, dayStates, groupDays, sumBucket } from "@/lib/charts";

describe("granularity", () => {
  it("draws days up to a quarter, then weeks, then months", () => {
    expect(chooseGranularity(90)).toBe("day");
    expect(chooseGranularity(92)).toBe("day");
    expect(chooseGranularity(180)).toBe("week");
    expect(chooseGranularity(731)).toBe("month");
  });

  it("starts weeks on Monday and months on the 1st", () => {
    expect(bucketStart("2026-11-26", "week")).toBe("2026-11-23"); // a Thursday
    expect(bucketStart("2026-11-23", "week")).toBe("2026-11-23");
    expect(bucketStart("2026-11-01", "week")).toBe("2026-10-26"); // a Sunday
    expect(bucketStart("2026-11-26", "month")).toBe("2026-11-01");
  });
});

describe("gaps vs zeros", () => {
  const days = ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"];

  it("reads days before the first event as gaps and quiet days after it as zeros", () => {
    expect(dayStates(days, ["2026-11-02", "2026-11-04"])).toEqual(["gap", "value", "zero", "value", "zero"]);
  });

  it("reads days after today as gaps", () => {
    expect(dayStates(days, ["2026-11-01"], "2026-11-03")).toEqual(["value", "zero", "zero", "gap", "gap"]);
  });

  it("reads a period without any event as all gaps", () => {
    expect(dayStates(days, [])).toEqual(["gap", "gap", "gap", "gap", "gap"]);
  });
});

describe("groupDays", () => {
  it("sums weeks exactly and keeps a week of gaps a gap", () => {
    const days = ["2026-11-01", "2026-11-02", "2026-11-03"];
    const buckets = groupDays(days, ["gap", "value", "zero"], "week");
    expect(buckets.map((bucket) => [bucket.start, bucket.gap])).toEqual([
      ["2026-10-26", true],
      ["2026-11-02", false],
    ]);
    expect(sumBucket(["1", "0.1", "0.2"], buckets[1]!)).toBe("0.300000000000000");
  });
});
